import { z } from "zod";
import { DEFAULT_DEDUP_WINDOW_MINUTES, HEROKU_DEDUP_KEY_TEMPLATE, dedupWindowProblem } from "../mapping";
import { orUnknown } from "../resource-kit/unknown";
import { alertSourceInputSchema } from "./alert-source-inputs";

// The validation of DedupKeyOverlay's arguments at check time, kept apart from the provider's API work.

/**
 * The arguments `check` validates; unknown values pass. The service fields and `shortName` (the alert
 * source, `heroku` by default) are AlertSource's.
 */
export const dedupKeyOverlayInputSchema = alertSourceInputSchema.safeExtend({
  template: orUnknown(
    z.string({ error: "template must be a string" }).trim().min(1, "template must not be empty"),
  ).default(HEROKU_DEDUP_KEY_TEMPLATE),
  windowMinutes: orUnknown(
    z.unknown().superRefine((minutes, context) => {
      const problem = dedupWindowProblem(minutes);
      if (problem !== undefined) context.addIssue({ code: "custom", message: `windowMinutes ${problem}` });
    }),
  )
    .default(DEFAULT_DEDUP_WINDOW_MINUTES)
    .transform((minutes) => minutes as number),
  takeOver: orUnknown(z.boolean({ error: "takeOver must be true or false" })).default(false),
});
