import { describe, expect, it } from "vitest";
import { callSentence, numberWords, spokenTicket } from "./spoken.ts";

describe("numberWords", () => {
  it.each([
    [0, "nol"],
    [1, "satu"],
    [9, "sembilan"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [12, "dua belas"],
    [19, "sembilan belas"],
    [20, "dua puluh"],
    [21, "dua puluh satu"],
    [45, "empat puluh lima"],
    [99, "sembilan puluh sembilan"],
    [100, "seratus"],
    [101, "seratus satu"],
    [110, "seratus sepuluh"],
    [111, "seratus sebelas"],
    [120, "seratus dua puluh"],
    [200, "dua ratus"],
    [305, "tiga ratus lima"],
    [999, "sembilan ratus sembilan puluh sembilan"],
    [1000, "seribu"],
    [1012, "seribu dua belas"],
    [2000, "dua ribu"],
    [2500, "dua ribu lima ratus"],
    [11000, "sebelas ribu"],
    [100000, "seratus ribu"],
  ])("%i → %s", (n, words) => {
    expect(numberWords(n)).toBe(words);
  });

  it("leaves numbers it cannot say as digits", () => {
    expect(numberWords(-1)).toBe("-1");
    expect(numberWords(1.5)).toBe("1.5");
  });
});

describe("call sentence", () => {
  it("says the domain letter and the number without leading zeros", () => {
    expect(spokenTicket("K-012")).toBe("K dua belas");
    expect(spokenTicket("P-001")).toBe("P satu");
    expect(spokenTicket("S-120")).toBe("S seratus dua puluh");
  });

  it("spells a provisional code", () => {
    expect(spokenTicket("K·7F3A")).toBe("K tujuh F tiga A");
  });

  it("matches the practice of Indonesian counters", () => {
    expect(callSentence("K-012", "K2")).toBe("Nomor antrean K dua belas, silakan menuju meja K dua");
    expect(callSentence("K-1001", "K1")).toBe("Nomor antrean K seribu satu, silakan menuju meja K satu");
  });
});
