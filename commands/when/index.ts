/**
 * Dates in words, shared by every feature that takes one (meetups' `when`, feedback's `by`, matching's `until`):
 * one parser (`readWhen`) whose options say what each command accepts, its examples (`whenExamples`, valid at the
 * moment they are shown) and its echo (`echoWhen`). What it accepts and refuses: README.md in this folder.
 */
export { echoWhen } from './echo.ts';
export { readWhen, WHEN_MAX_CHARS } from './read.ts';
export { type WhenRules, whenExamples } from './rules.ts';
export {
  DURATION_EXAMPLES,
  DURATION_MAX_CHARS,
  type DurationRules,
  durationText,
  durationWords,
  parseDuration,
} from './duration.ts';
