package earkit.reference.service.dynamodb;

import earkit.reference.domain.DomainException;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;

/**
 * TagResource, UntagResource and ListTagsOfResource on tables, with the checks and wording DynamoDB answers
 * (captured by dynalite); a tag given again replaces its value, tags live as long as the table record.
 */
final class TagRequests {
    /** Something ARN-shaped at all; anything else DynamoDB answers as an authorization failure. */
    private static final Pattern ARN_SHAPED = Pattern.compile("^.+:.+:.+:.+:.+:.+/.+$");
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:aws:dynamodb:([^:]+):(\\d+):table/([^/]{3,})$");
    static final int MAX_TAGS = 50;

    private final Tables tables;

    TagRequests(Tables tables) {
        this.tables = tables;
    }

    private record Table(String region, String name) {
    }

    private static Table table(RequestContext ctx, String arn, String operation, Runnable beforeShapeCheck) {
        if (arn == null) {
            throw ApiException.validation("Invalid TableArn");
        }
        if (!ARN_SHAPED.matcher(arn).matches()) {
            throw new ApiException("AccessDeniedException", "User: " + ctx.principal().arn() + " is not authorized to perform: dynamodb:"
                    + operation + " on resource: " + arn);
        }
        beforeShapeCheck.run();
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw ApiException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        if (!m.group(2).equals(ctx.accountId())) {
            throw notFound(arn);
        }
        return new Table(m.group(1), m.group(3));
    }

    private static ApiException notFound(String arn) {
        return new ApiException("ResourceNotFoundException", "Requested resource not found: ResourcArn: " + arn + " not found");
    }

    /** The table's tags changed under its lock; a missing table named by its ARN, as DynamoDB words it. */
    private void retag(RequestContext ctx, Table t, String arn, java.util.function.Consumer<Map<String, String>> change) {
        try {
            tables.retag(TableRequests.caller(ctx), ctx.region(), t.name(), change);
        } catch (DomainException e) {
            throw "ResourceNotFoundException".equals(e.code()) ? notFound(arn) : e;
        }
    }

    TagResourceResponse tag(RequestContext ctx, TagResourceRequest r) {
        Table t = table(ctx, r.resourceArn(), "TagResource", () -> {
            if (!r.hasTags()) {
                throw ApiException.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
            }
        });
        if (r.tags().isEmpty()) {
            throw ApiException.validation("Atleast one Tag needs to be provided as Input.");
        }
        TableRequestConstraints.tags(new ModelConstraints(), r.tags()).check();
        retag(ctx, t, r.resourceArn(), tags -> {
            Map<String, String> after = new java.util.LinkedHashMap<>(tags);
            r.tags().forEach(tag -> after.put(tag.key(), tag.value()));
            if (after.size() > MAX_TAGS) {
                throw new ApiException("LimitExceededException", "The number of tags exceeds the limit of " + MAX_TAGS + " tags per resource");
            }
            tags.putAll(after);
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(RequestContext ctx, UntagResourceRequest r) {
        Table t = table(ctx, r.resourceArn(), "UntagResource", () -> {
            if (!r.hasTagKeys()) {
                throw ApiException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
            }
        });
        if (r.tagKeys().isEmpty()) {
            throw ApiException.validation("Atleast one Tag Key needs to be provided as Input.");
        }
        ModelConstraints c = new ModelConstraints();
        for (int i = 0; i < r.tagKeys().size(); i++) {
            c.length("tagKeys." + (i + 1) + ".member", r.tagKeys().get(i), true, 1, 128);
        }
        c.check();
        retag(ctx, t, r.resourceArn(), tags -> r.tagKeys().forEach(tags::remove));
        return UntagResourceResponse.builder().build();
    }

    ListTagsOfResourceResponse list(RequestContext ctx, ListTagsOfResourceRequest r) {
        Table t = table(ctx, r.resourceArn(), "ListTagsOfResource", () -> { });
        Map<String, String> tags;
        try {
            tags = tables.describe(TableRequests.caller(ctx), ctx.region(), t.name()).table().tags;
        } catch (DomainException e) {
            throw "ResourceNotFoundException".equals(e.code()) ? notFound(r.resourceArn()) : e;
        }
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return ListTagsOfResourceResponse.builder().tags(out).build();
    }
}
