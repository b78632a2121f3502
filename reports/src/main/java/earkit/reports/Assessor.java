package earkit.reports;

import earkit.kit.spi.Deviation;
import earkit.reports.Compliance.Area;
import earkit.reports.Compliance.RequirementResult;
import earkit.reports.Compliance.SentenceTrace;
import earkit.reports.Compliance.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Folds scenario results into requirement statuses and the verdict. */
final class Assessor {
    /** Requirement IDs as the suite tags them, e.g. {@code @EAR-ROT-003}. */
    private static final Pattern REQUIREMENT_TAG = Pattern.compile("^@(EAR-[A-Z0-9]+(?:-[A-Z0-9]+)*)$");

    private Assessor() {
    }

    static Compliance assess(RunInfo run, Catalogue catalogue, List<Deviation> deviations, CucumberMessages messages,
                             SeedSentences seed) {
        List<ScenarioResult> scenarios = messages.scenarios();
        List<String> warnings = new ArrayList<>();
        Map<String, List<ScenarioResult>> byRequirement = scenariosByRequirement(catalogue, scenarios, warnings);
        Map<String, Deviation> deviationById = new LinkedHashMap<>();
        for (Deviation deviation : deviations) {
            deviationById.put(deviation.requirement(), deviation);
        }
        Set<String> known = catalogue.requirements().stream().map(Catalogue.Requirement::id).collect(Collectors.toSet());
        deviationById.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> warnings.add("deviations.json lists " + id + ", which is not in the catalogue"));

        List<RequirementResult> results = new ArrayList<>();
        for (Catalogue.Requirement requirement : catalogue.requirements()) {
            results.add(result(requirement, byRequirement.getOrDefault(requirement.id(), List.of()),
                    deviationById.get(requirement.id())));
        }
        boolean strict = run != null && Boolean.TRUE.equals(run.strict());
        int minJudged = run == null || run.minJudged() == null ? 1 : run.minJudged();
        return new Compliance(Compliance.SCHEMA_VERSION, runSummary(run, messages, scenarios.size()),
                verdict(results, scenarios.size(), strict, minJudged), counts(results), areas(results), results,
                trace(catalogue, seed, warnings), warnings);
    }

    private static Map<String, List<ScenarioResult>> scenariosByRequirement(Catalogue catalogue,
                                                                            List<ScenarioResult> scenarios,
                                                                            List<String> warnings) {
        Set<String> known = catalogue.requirements().stream().map(Catalogue.Requirement::id).collect(Collectors.toSet());
        Map<String, List<ScenarioResult>> byRequirement = new LinkedHashMap<>();
        for (ScenarioResult scenario : scenarios) {
            boolean traced = false;
            for (String tag : scenario.tags()) {
                Matcher matcher = REQUIREMENT_TAG.matcher(tag);
                if (!matcher.matches()) {
                    continue;
                }
                traced = true;
                if (known.contains(matcher.group(1))) {
                    byRequirement.computeIfAbsent(matcher.group(1), id -> new ArrayList<>()).add(scenario);
                } else {
                    warnings.add("scenario \"" + scenario.name() + "\" (" + scenario.location() + ") is tagged "
                            + tag + ", which is not in the catalogue");
                }
            }
            if (!traced) {
                warnings.add("scenario \"" + scenario.name() + "\" (" + scenario.location()
                        + ") checks no requirement: it has no @EAR-… tag");
            }
            // A check of a requirement the scenario is not tagged with is still evidence against that requirement.
            String judged = scenario.failedRequirement();
            if (judged != null && !scenario.requirements().contains(judged)) {
                if (known.contains(judged)) {
                    byRequirement.computeIfAbsent(judged, id -> new ArrayList<>()).add(scenario);
                } else {
                    warnings.add("scenario \"" + scenario.name() + "\" (" + scenario.location() + ") failed a check of "
                            + judged + ", which is not in the catalogue");
                }
            }
        }
        return byRequirement;
    }

    private static RequirementResult result(Catalogue.Requirement requirement, List<ScenarioResult> scenarios,
                                            Deviation deviation) {
        String id = requirement.id();
        Map<RequirementStatus, List<ScenarioResult>> by = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            by.computeIfAbsent(s.judgementOf(id), k -> new ArrayList<>()).add(s);
        }
        List<ScenarioResult> failed = by.getOrDefault(RequirementStatus.FAILED, List.of());
        List<ScenarioResult> errors = by.getOrDefault(RequirementStatus.TARGET_ERROR, List.of());
        List<ScenarioResult> kitErrors = by.getOrDefault(RequirementStatus.KIT_ERROR, List.of());
        List<ScenarioResult> passed = by.getOrDefault(RequirementStatus.PASSED, List.of());
        List<ScenarioResult> notReached = by.getOrDefault(RequirementStatus.NOT_REACHED, List.of());
        RequirementStatus observed = scenarios.isEmpty() ? RequirementStatus.NOT_RUN
                : !failed.isEmpty() ? RequirementStatus.FAILED
                : !errors.isEmpty() ? RequirementStatus.TARGET_ERROR
                // The kit failed where the requirement would have been judged: a pass elsewhere is not the whole story.
                : !kitErrors.isEmpty() ? RequirementStatus.KIT_ERROR
                : !passed.isEmpty() ? RequirementStatus.PASSED
                : !notReached.isEmpty() ? RequirementStatus.NOT_REACHED
                : RequirementStatus.NOT_APPLICABLE;
        String skipReasons = scenarios.stream().map(ScenarioResult::skipReason).filter(r -> r != null)
                .distinct().collect(Collectors.joining("; "));

        RequirementStatus status = observed;
        String reason;
        switch (observed) {
            case FAILED -> {
                reason = count(failed.size(), scenarios.size()) + " failed: " + firstFailure(failed);
                if (deviation != null) {
                    status = RequirementStatus.KNOWN_DEVIATION;
                    reason = "known deviation of the target: " + deviation.reason() + " (" + reason + ")";
                }
            }
            case TARGET_ERROR -> reason = count(errors.size(), scenarios.size()) + " met a target error: "
                    + firstFailure(errors);
            case KIT_ERROR -> reason = count(kitErrors.size(), scenarios.size()) + " met a kit error (nothing judged): "
                    + firstFailure(kitErrors);
            case PASSED -> {
                List<String> others = new ArrayList<>();
                int notApplicable = by.getOrDefault(RequirementStatus.NOT_APPLICABLE, List.of()).size();
                if (notApplicable > 0) {
                    others.add(count(notApplicable, scenarios.size()) + " not applicable: " + skipReasons);
                }
                if (!notReached.isEmpty()) {
                    others.add(count(notReached.size(), scenarios.size()) + " not reached: " + stoppedAt(notReached.get(0)));
                }
                reason = others.isEmpty() ? null : String.join("; ", others);
                if (deviation != null) {
                    status = RequirementStatus.FLAGGED_DEVIATION;
                    reason = "listed as a known deviation (" + deviation.reason()
                            + ") but every applicable scenario passed: update the target's deviations";
                }
            }
            case NOT_REACHED -> reason = stoppedAt(notReached.get(0));
            case NOT_APPLICABLE -> reason = skipReasons.isEmpty() && deviation != null ? deviation.reason() : skipReasons;
            default -> reason = "no scenario of this requirement ran";
        }
        return new RequirementResult(id, requirement.level(), requirement.area(),
                requirement.statement(), requirement.sentences(), status, reason, scenarios);
    }

    private static String count(int some, int all) {
        return some + " of " + all + (all == 1 ? " scenario" : " scenarios");
    }

    /** The first failure's first line; the suite's messages open with "[EAR-…]" or "[TARGET ERROR]", which the report shows already. */
    private static String firstFailure(List<ScenarioResult> scenarios) {
        return abbreviate(firstLine(scenarios.get(0).message())
                .replaceFirst("^\\[(TARGET|KIT) ERROR]\\s*", "")
                .replaceFirst("^\\[?(EAR-[A-Z0-9-]+(,\\s*)?)+\\]?[\\s:]*", ""));
    }

    private static String stoppedAt(ScenarioResult scenario) {
        return "stopped at a check of " + scenario.failedRequirement() + ": " + firstFailure(List.of(scenario));
    }

    /** A MUST requirement counts as judged when the run shows it holds; a known deviation shows nothing of the kind. */
    private static boolean judgedToHold(RequirementResult r) {
        return r.status() == RequirementStatus.PASSED || r.status() == RequirementStatus.FLAGGED_DEVIATION;
    }

    static Verdict verdict(List<RequirementResult> results, int scenarioCount, boolean strict, int minJudged) {
        List<String> reasons = new ArrayList<>();
        for (RequirementResult result : results) {
            boolean must = "MUST".equals(result.level());
            if (must && result.status() == RequirementStatus.FAILED) {
                reasons.add(result.id() + " (MUST) failed: " + result.reason());
            } else if (must && result.status() == RequirementStatus.TARGET_ERROR) {
                reasons.add(result.id() + " (MUST) target error: " + result.reason());
            } else if (strict && result.status() != RequirementStatus.PASSED && result.status() != RequirementStatus.NOT_RUN) {
                // Not run means filtered out (--tags) or not written yet: a warning, not a result of the target.
                reasons.add(result.id() + " (" + result.level() + ") is " + result.status().label().toLowerCase(Locale.ROOT)
                        + " (strict mode)" + (result.reason() == null ? "" : ": " + result.reason()));
            }
        }
        int needed = Math.max(1, minJudged);
        List<RequirementResult> kitErrors = results.stream().filter(r -> r.status() == RequirementStatus.KIT_ERROR).toList();
        if (!kitErrors.isEmpty()) {
            // The kit failed: like a kit error before the run, no verdict on the target, whatever else the run showed.
            List<String> all = new ArrayList<>();
            kitErrors.forEach(r -> all.add(r.id() + " kit error: " + r.reason()));
            all.addAll(reasons);
            long judgedSoFar = results.stream().filter(r -> "MUST".equals(r.level()) && judgedToHold(r)).count();
            return new Verdict(Verdict.KIT_ERROR, strict, kitErrors.size() + (kitErrors.size() == 1 ? " requirement" : " requirements")
                    + " met a kit error (the kit's own SDK driver failed): no verdict on the target.", all, (int) judgedSoFar, needed);
        }
        long musts = results.stream().filter(r -> "MUST".equals(r.level())).count();
        long judged = results.stream().filter(r -> "MUST".equals(r.level()) && judgedToHold(r)).count();
        if (!reasons.isEmpty()) {
            long mustFailures = mustsWith(results, RequirementStatus.FAILED);
            long mustErrors = mustsWith(results, RequirementStatus.TARGET_ERROR);
            List<String> parts = new ArrayList<>();
            if (mustFailures > 0) {
                parts.add(mustFailures + (mustFailures == 1 ? " MUST requirement" : " MUST requirements") + " failed");
            }
            if (mustErrors > 0) {
                parts.add(mustErrors + (mustErrors == 1 ? " MUST requirement" : " MUST requirements")
                        + " met a target error (a crash, timeout or garbage answer)");
            }
            String headline = parts.isEmpty()
                    ? reasons.size() + (reasons.size() == 1 ? " requirement" : " requirements") + " not passed (strict mode)."
                    : String.join("; ", parts) + ".";
            return new Verdict(Verdict.NOT_CONFORMANT, strict, headline, reasons, (int) judged, needed);
        }
        String others = results.stream().filter(r -> "MUST".equals(r.level()) && !judgedToHold(r))
                .collect(Collectors.groupingBy(r -> r.status().label().toLowerCase(Locale.ROOT), LinkedHashMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        if (judged < needed) {
            String headline = scenarioCount == 0 ? "No scenario ran: nothing was judged."
                    : (judged == 0 ? "No applicable MUST requirement was judged" : "Only " + judged + " of " + musts
                            + " MUST requirements were judged to hold")
                      + (needed > 1 ? " (at least " + needed + " needed, --min-judged)" : "")
                      + ": the run shows nothing either way" + (others.isEmpty() ? "." : " (" + others + ").");
            return new Verdict(Verdict.INCONCLUSIVE, strict, headline, List.of(), (int) judged, needed);
        }
        String headline = strict
                ? "Every requirement passed (strict mode)."
                : "Every applicable MUST requirement passed: " + judged + " of " + musts
                  + (others.isEmpty() ? "" : "; " + others) + ".";
        return new Verdict(Verdict.CONFORMANT, strict, headline, List.of(), (int) judged, needed);
    }

    private static long mustsWith(List<RequirementResult> results, RequirementStatus status) {
        return results.stream().filter(r -> "MUST".equals(r.level()) && r.status() == status).count();
    }

    private static Map<String, Integer> counts(List<RequirementResult> results) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RequirementStatus status : RequirementStatus.values()) {
            counts.put(status.code(), (int) results.stream().filter(r -> r.status() == status).count());
        }
        return counts;
    }

    private static List<Area> areas(List<RequirementResult> results) {
        Map<String, List<RequirementResult>> byArea = results.stream()
                .collect(Collectors.groupingBy(RequirementResult::area, LinkedHashMap::new, Collectors.toList()));
        List<Area> areas = new ArrayList<>();
        byArea.forEach((area, members) -> areas.add(new Area(area, members.size(), counts(members))));
        return areas;
    }

    private static List<SentenceTrace> trace(Catalogue catalogue, SeedSentences seed, List<String> warnings) {
        Map<String, SeedSentences.Sentence> sentences = new LinkedHashMap<>();
        seed.sentences().forEach(s -> sentences.put(s.id(), s));
        Set<String> ids = new LinkedHashSet<>(sentences.keySet());
        catalogue.requirements().forEach(r -> ids.addAll(r.sentences()));
        catalogue.context().forEach(c -> ids.add(c.sentence()));

        List<SentenceTrace> traces = new ArrayList<>();
        List<String> untraced = new ArrayList<>();
        for (Iterator<String> it = ids.stream().sorted().iterator(); it.hasNext(); ) {
            String id = it.next();
            SeedSentences.Sentence sentence = sentences.get(id);
            List<String> requirements = catalogue.requirements().stream().filter(r -> r.sentences().contains(id))
                    .map(Catalogue.Requirement::id).toList();
            String context = catalogue.context().stream().filter(c -> id.equals(c.sentence()))
                    .map(Catalogue.Context::reason).findFirst().orElse(null);
            if (requirements.isEmpty() && context == null) {
                untraced.add(id);
            }
            traces.add(new SentenceTrace(id, sentence == null ? null : sentence.section(),
                    sentence == null ? null : sentence.text(), requirements, context));
        }
        if (!untraced.isEmpty()) {
            warnings.add((untraced.size() == 1 ? "seed sentence " : "seed sentences ") + String.join(", ", untraced)
                    + (untraced.size() == 1 ? " is" : " are") + " traced by no requirement and not listed as context");
        }
        return traces;
    }

    private static Compliance.Run runSummary(RunInfo run, CucumberMessages messages, int scenarios) {
        String started = run != null && run.startedAt() != null ? run.startedAt()
                : messages.runStarted() == null ? null : messages.runStarted().toString();
        String finished = run != null && run.finishedAt() != null ? run.finishedAt()
                : messages.runFinished() == null ? null : messages.runFinished().toString();
        // Sorted, so that two runs' reports list the same endpoints in the same order.
        Map<String, String> endpoints = new TreeMap<>();
        if (run != null && run.endpoints() != null && run.endpoints().isValueNode()) {
            endpoints.put("all services", run.endpoints().asText());
        } else if (run != null && run.endpoints() != null) {
            run.endpoints().fields().forEachRemaining(e -> endpoints.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        List<String> capabilities = run == null || run.capabilities() == null ? null : List.copyOf(run.capabilities());
        String tags = run == null || run.tags() == null || run.tags().isBlank() ? null : run.tags();
        if (run == null) {
            return new Compliance.Run(null, "unknown", endpoints, null, null, started, finished, duration(started, finished),
                    false, messages.implementation(), scenarios, null, null, null, null, null, null, null, null);
        }
        return new Compliance.Run(run.kit(), run.target(), endpoints, capabilities, tags, started, finished,
                duration(started, finished), Boolean.TRUE.equals(run.strict()), messages.implementation(), scenarios,
                run.minJudged(), run.kitCommit(), run.sdkVersion(), run.httpClient(), run.java(), run.catalogueSha256(),
                run.featureSha256() == null ? null : new TreeMap<>(run.featureSha256()),
                run.profile() == null ? null : new TreeMap<>(run.profile()));
    }

    private static Double duration(String started, String finished) {
        try {
            if (started == null || finished == null) {
                return null;
            }
            return Duration.between(Instant.parse(started), Instant.parse(finished)).toMillis() / 1000.0;
        } catch (DateTimeParseException unparseable) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
