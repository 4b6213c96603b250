/** One baseline's answers: a class index per sample, and how it was made. */
export interface ClassBaseline {
  name: string;
  predicted: number[];
}

/** What the three simple weather baselines need to know about each sample. */
export interface ClassBaselineInputs {
  classes: string[];
  /** Class indices of the training samples (the majority class is taken from these, never from the scored ones). */
  trainLabels: number[];
  /** Class index of "today" (the window's last day) for each scored sample. */
  todayLabels: number[];
  /** Today's precipitation (unscaled, mm) for each scored sample. */
  todayPrecipitation: number[];
}

/**
 * The three simple predictions of tomorrow's weather class that a learned model has to beat:
 * - majority class: always the most frequent class of the training samples (ties: the first in `classes` order);
 * - persistence: tomorrow's class = today's;
 * - one-line rule: "rain" if today's precipitation > 0, else "sun" (both classes must exist).
 *
 * @example
 * classificationBaselines({ classes: ["rain", "sun"], trainLabels: [1, 1, 0], todayLabels: [0, 1], todayPrecipitation: [2.5, 0] })
 * // [{ name: "majority class (sun)", predicted: [1, 1] }, { name: "persistence (tomorrow = today)", predicted: [0, 1] },
 * //  { name: "rain if precipitation > 0, else sun", predicted: [0, 1] }]
 */
export function classificationBaselines(inputs: ClassBaselineInputs): ClassBaseline[] {
  const { classes, trainLabels, todayLabels, todayPrecipitation } = inputs;
  const k = classes.length;
  const check = (what: string, labels: number[]) => labels.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= k) throw new Error(`classificationBaselines: ${what} ${i} is ${v}, expected a class index in [0, ${k})`);
  });
  check("training label", trainLabels);
  check("today's label", todayLabels);
  if (trainLabels.length === 0) throw new Error("classificationBaselines: no training labels");
  if (todayPrecipitation.length !== todayLabels.length) {
    throw new Error(`classificationBaselines: ${todayLabels.length} samples but ${todayPrecipitation.length} precipitation values`);
  }
  const rain = classes.indexOf("rain");
  const sun = classes.indexOf("sun");
  if (rain < 0 || sun < 0) throw new Error(`classificationBaselines: the rule needs classes "rain" and "sun", got ${classes.join(", ")}`);
  const counts = new Array<number>(k).fill(0);
  for (const v of trainLabels) counts[v]++;
  const majority = counts.indexOf(Math.max(...counts));
  return [
    { name: `majority class (${classes[majority]})`, predicted: todayLabels.map(() => majority) },
    { name: "persistence (tomorrow = today)", predicted: [...todayLabels] },
    {
      name: "rain if precipitation > 0, else sun",
      predicted: todayPrecipitation.map((p, i) => {
        if (!Number.isFinite(p)) throw new Error(`classificationBaselines: precipitation of sample ${i} is ${p}`);
        return p > 0 ? rain : sun;
      }),
    },
  ];
}
