package earkit.reference.service;

import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.logs.FilterPattern;
import earkit.reference.domain.logs.LogGroups;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Operations;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * CloudWatch Logs over JSON 1.1 ({@code Logs_20140328}), as far as reading a CloudTrail trail's delivery needs it:
 * {@code CreateLogGroup}, {@code DescribeLogGroups}, {@code DescribeLogStreams}, {@code GetLogEvents} and
 * {@code FilterLogEvents} with the JSON filter syntax (S42 names CloudWatch Logs beside CloudTrail).
 */
public final class CloudWatchLogsService {
    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final String INVALID = "InvalidParameterException";
    private final LogGroups groups;
    private final Operations ops = new Operations(WireErrors.REFUSALS);

    public CloudWatchLogsService(LogGroups groups) {
        this.groups = groups;
        ops.add("CreateLogGroup", CreateLogGroupRequest::builder, this::createLogGroup);
        ops.add("DescribeLogGroups", DescribeLogGroupsRequest::builder, this::describeLogGroups);
        ops.add("DescribeLogStreams", DescribeLogStreamsRequest::builder, this::describeLogStreams);
        ops.add("GetLogEvents", GetLogEventsRequest::builder, this::getLogEvents);
        ops.add("FilterLogEvents", FilterLogEventsRequest::builder, this::filterLogEvents);
    }

    public JsonService service() {
        return JsonService.json11("Logs_20140328", "logs", ops);
    }

    private CreateLogGroupResponse createLogGroup(RequestContext ctx, CreateLogGroupRequest r) {
        String name = r.logGroupName();
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw new ApiException(INVALID, "1 validation error detected: Value '" + name + "' at 'logGroupName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ and have length between 1 and 512");
        }
        if (!groups.create(ctx.accountId(), ctx.region(), name)) {
            throw new ApiException("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        return CreateLogGroupResponse.builder().build();
    }

    private DescribeLogGroupsResponse describeLogGroups(RequestContext ctx, DescribeLogGroupsRequest r) {
        String prefix = r.logGroupNamePrefix() == null ? "" : r.logGroupNamePrefix();
        List<LogGroup> all = groups.list(ctx.accountId(), ctx.region()).stream().filter(g -> g.name().startsWith(prefix))
                .map(g -> LogGroup.builder().logGroupName(g.name()).creationTime(g.created().toEpochMilli())
                        .arn(groupArn(ctx, g.name()) + ":*").logGroupArn(groupArn(ctx, g.name())).storedBytes(0L)
                        .metricFilterCount(0).logGroupClass(LogGroupClass.STANDARD).build())
                .toList();
        LogsPage<LogGroup> page = LogsPage.of(all, r.limit(), 50, r.nextToken(), "DescribeLogGroups|" + prefix);
        return DescribeLogGroupsResponse.builder().logGroups(page.items()).nextToken(page.next()).build();
    }

    private DescribeLogStreamsResponse describeLogStreams(RequestContext ctx, DescribeLogStreamsRequest r) {
        String name = groupName(r.logGroupName(), r.logGroupIdentifier());
        LogGroups.Group group = group(ctx, name);
        String prefix = r.logStreamNamePrefix() == null ? "" : r.logStreamNamePrefix();
        if (!prefix.isEmpty() && "LastEventTime".equals(r.orderByAsString())) {
            throw new ApiException(INVALID, "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStream> all = new ArrayList<>(groups.streams(ctx.accountId(), ctx.region(), group).stream()
                .filter(s -> s.name().startsWith(prefix))
                .map(s -> LogStream.builder().logStreamName(s.name()).creationTime(s.created().toEpochMilli())
                        .firstEventTimestamp(s.firstEvent().toEpochMilli()).lastEventTimestamp(s.lastEvent().toEpochMilli())
                        .lastIngestionTime(s.lastEvent().toEpochMilli()).storedBytes(0L)
                        .arn(groupArn(ctx, name) + ":log-stream:" + s.name()).build())
                .toList());
        if (Boolean.TRUE.equals(r.descending())) {
            java.util.Collections.reverse(all);
        }
        LogsPage<LogStream> page = LogsPage.of(all, r.limit(), 50, r.nextToken(), "DescribeLogStreams|" + name + "|" + prefix);
        return DescribeLogStreamsResponse.builder().logStreams(page.items()).nextToken(page.next()).build();
    }

    private GetLogEventsResponse getLogEvents(RequestContext ctx, GetLogEventsRequest r) {
        String name = groupName(r.logGroupName(), r.logGroupIdentifier());
        LogGroups.Stream stream = stream(ctx, group(ctx, name), r.logStreamName());
        List<AuditEvent> events = inRange(groups.events(ctx.accountId(), ctx.region(), stream), r.startTime(), r.endTime());
        int limit = LogsPage.limit(r.limit(), 10_000);
        int from;
        int to;
        if (r.nextToken() != null) {
            int position = LogsPage.position(r.nextToken().length() > 2 ? r.nextToken().substring(2) : "", "GetLogEvents|" + name
                    + "|" + stream.name(), events.size());
            if (r.nextToken().startsWith("f/")) {
                from = position;
                to = Math.min(events.size(), from + limit);
            } else if (r.nextToken().startsWith("b/")) {
                to = position;
                from = Math.max(0, to - limit);
            } else {
                throw LogsPage.invalidToken();
            }
        } else if (Boolean.TRUE.equals(r.startFromHead())) {
            from = 0;
            to = Math.min(events.size(), limit);
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        String fingerprint = "GetLogEvents|" + name + "|" + stream.name();
        return GetLogEventsResponse.builder()
                .events(events.subList(from, to).stream().map(e -> OutputLogEvent.builder().timestamp(millis(e))
                        .message(e.document()).ingestionTime(millis(e)).build()).toList())
                .nextForwardToken("f/" + LogsPage.token(fingerprint, to))
                .nextBackwardToken("b/" + LogsPage.token(fingerprint, from)).build();
    }

    private FilterLogEventsResponse filterLogEvents(RequestContext ctx, FilterLogEventsRequest r) {
        String name = groupName(r.logGroupName(), r.logGroupIdentifier());
        LogGroups.Group group = group(ctx, name);
        if (r.hasLogStreamNames() && r.logStreamNamePrefix() != null) {
            throw new ApiException(INVALID, "Cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(r.filterPattern());
        } catch (FilterPattern.Invalid e) {
            throw new ApiException(INVALID, e.getMessage());
        }
        List<FilteredLogEvent> matching = new ArrayList<>();
        for (LogGroups.Stream s : groups.streams(ctx.accountId(), ctx.region(), group)) {
            boolean wanted = r.hasLogStreamNames() ? r.logStreamNames().contains(s.name())
                    : r.logStreamNamePrefix() == null || s.name().startsWith(r.logStreamNamePrefix());
            if (!wanted) {
                continue;
            }
            for (AuditEvent e : inRange(groups.events(ctx.accountId(), ctx.region(), s), r.startTime(), r.endTime())) {
                if (pattern.matches(e.document())) {
                    matching.add(FilteredLogEvent.builder().logStreamName(s.name()).timestamp(millis(e)).message(e.document())
                            .ingestionTime(millis(e)).eventId(String.format("%020d", e.sequence())).build());
                }
            }
        }
        LogsPage<FilteredLogEvent> page = LogsPage.of(matching, r.limit(), 10_000, r.nextToken(), "FilterLogEvents|" + name
                + "|" + r.filterPattern() + "|" + r.startTime() + "|" + r.endTime() + "|" + r.logStreamNames() + "|" + r.logStreamNamePrefix());
        return FilterLogEventsResponse.builder().events(page.items()).nextToken(page.next()).build();
    }

    private LogGroups.Group group(RequestContext ctx, String name) {
        return groups.find(ctx.accountId(), ctx.region(), name)
                .orElseThrow(() -> new ApiException("ResourceNotFoundException", "The specified log group does not exist."));
    }

    private LogGroups.Stream stream(RequestContext ctx, LogGroups.Group group, String name) {
        if (name == null) {
            throw new ApiException(INVALID, "1 validation error detected: Value null at 'logStreamName' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        return groups.streams(ctx.accountId(), ctx.region(), group).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ApiException("ResourceNotFoundException", "The specified log stream does not exist."));
    }

    /** A log group named by {@code logGroupName} or {@code logGroupIdentifier} (its name or ARN), not both. */
    private static String groupName(String name, String identifier) {
        if ((name == null) == (identifier == null)) {
            throw new ApiException(INVALID, "LogGroup name or identifier must be specified, but not both.");
        }
        if (name != null) {
            return name;
        }
        int at = identifier.indexOf(":log-group:");
        if (identifier.startsWith("arn:") && at > 0) {
            String rest = identifier.substring(at + ":log-group:".length());
            return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
        }
        return identifier;
    }

    private static List<AuditEvent> inRange(List<AuditEvent> events, Long start, Long end) {
        if (start != null && end != null && start > end) {
            throw new ApiException(INVALID, "startTime must be less than or equal to endTime");
        }
        return events.stream().filter(e -> (start == null || millis(e) >= start) && (end == null || millis(e) <= end)).toList();
    }

    private static long millis(AuditEvent e) {
        return e.eventTime().toEpochMilli();
    }

    private static String groupArn(RequestContext ctx, String name) {
        return "arn:aws:logs:" + ctx.region() + ":" + ctx.accountId() + ":log-group:" + name;
    }
}
