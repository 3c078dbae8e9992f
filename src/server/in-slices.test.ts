import { expect, it } from "vitest";
import { mapInSlices } from "./in-slices.ts";

it("gives the event loop a turn once a slice's time is up, and maps every item in order", async () => {
  let clock = 0;
  const seen: (number | string)[] = [];
  setImmediate(() => seen.push("other request"));
  const out = await mapInSlices(
    [10, 11, 12, 13, 14],
    (n, i) => {
      seen.push(i);
      clock += 3; // each item takes 3 ms: the fourth starts past the 8 ms slice
      return n * 2;
    },
    8,
    () => clock,
  );
  expect(out).toEqual([20, 22, 24, 26, 28]);
  expect(seen).toEqual([0, 1, 2, "other request", 3, 4]);
});

it("maps a list that fits one slice without waiting for the event loop", async () => {
  const seen: (number | string)[] = [];
  setImmediate(() => seen.push("other request"));
  await mapInSlices(
    [1, 2, 3],
    (_, i) => seen.push(i),
    8,
    () => 0,
  );
  expect(seen).toEqual([0, 1, 2]);
});
