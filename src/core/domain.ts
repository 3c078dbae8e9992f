/** The four coaching-clinic domains, one per PANRB deputyship (../shared/domain.md). */
export const DOMAIN_CODES = ["K", "S", "A", "P"] as const;
export type DomainCode = (typeof DOMAIN_CODES)[number];

export interface Domain {
  readonly code: DomainCode;
  readonly name: { readonly id: string; readonly en: string };
  /** tables (meja) of this domain, numbered 1..n within the event */
  readonly desks: number;
}

export const DEFAULT_DOMAINS: readonly Domain[] = [
  { code: "K", name: { id: "Kelembagaan dan Tata Laksana", en: "Institutions and governance procedures" }, desks: 2 },
  { code: "S", name: { id: "SDM Aparatur", en: "Civil-service human resources" }, desks: 2 },
  { code: "A", name: { id: "Akuntabilitas Aparatur dan Pengawasan", en: "Accountability and supervision" }, desks: 2 },
  { code: "P", name: { id: "Pelayanan Publik", en: "Public service" }, desks: 2 },
];

export function isDomainCode(s: string): s is DomainCode {
  return (DOMAIN_CODES as readonly string[]).includes(s);
}

/** A desk id names its domain and its table: `K1`, `P2`. */
export type DeskId = `${DomainCode}${number}`;

export function deskId(domain: DomainCode, table: number): DeskId {
  return `${domain}${table}`;
}

export function deskDomain(desk: string): DomainCode | null {
  const c = desk.charAt(0);
  return isDomainCode(c) ? c : null;
}

export function deskTable(desk: string): number {
  return Number.parseInt(desk.slice(1), 10);
}

export const DESK_PATTERN = /^[KSAP][1-9][0-9]?$/;
