package earkit.reference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.audit.CloudTrailEvents;
import earkit.reference.domain.kms.KeyManagement;
import earkit.reference.domain.kms.KmsCall;
import earkit.reference.domain.kms.KmsKey;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.Identity;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The CloudTrail record of a KMS call, whatever its outcome: who called (a user, or DynamoDB on a user's behalf
 * or on its own), the request and response as CloudTrail shows them, the keys touched; one copy in the caller's
 * account and one in each key owner's account (EAR-AUD-001; S13, S42).
 */
final class KmsTrailRecords {
    private final KeyManagement kms;
    private final AuditTrail audit;

    /** The AUDIT_WITHOUT_INVOKED_BY fault: DynamoDB's calls recorded without invokedBy. */
    private final boolean withoutInvokedBy;
    /** The GRANT_AUDIT_WITHOUT_INVOKED_BY fault: only DynamoDB's non-cryptographic calls recorded without invokedBy. */
    private final boolean managementWithoutInvokedBy;

    KmsTrailRecords(KeyManagement kms, AuditTrail audit, boolean withoutInvokedBy, boolean managementWithoutInvokedBy) {
        this.withoutInvokedBy = withoutInvokedBy;
        this.managementWithoutInvokedBy = managementWithoutInvokedBy;
        this.kms = kms;
        this.audit = audit;
    }

    void record(RequestContext ctx, KmsCall call, SdkPojo request, SdkPojo response, ApiException failure) {
        String op = ctx.operation();
        boolean readOnly = KmsRequestRules.cryptographic(op) || op.startsWith("Describe") || op.startsWith("Get") || op.startsWith("List");
        Identity id = ctx.identity();
        Identity principal = ctx.onBehalfOf() != null ? ctx.onBehalfOf() : id;
        ObjectNode userIdentity;
        String username;
        String accessKeyId;
        String source;
        String agent;
        boolean withoutInvokedBy = this.withoutInvokedBy || managementWithoutInvokedBy && !KmsRequestRules.cryptographic(op);
        if (id.service()) {
            source = Identity.SERVICE_PRINCIPAL;
            agent = Identity.SERVICE_PRINCIPAL;
            if (ctx.onBehalfOf() != null) {
                userIdentity = identityBlock(principal);
                if (!withoutInvokedBy) {
                    userIdentity.put("invokedBy", Identity.SERVICE_PRINCIPAL);
                }
                username = principal.userName();
                accessKeyId = principal.accessKeyId();
            } else {
                userIdentity = CloudTrailEvents.JSON.createObjectNode().put("type", "AWSService");
                if (!withoutInvokedBy) {
                    userIdentity.put("invokedBy", Identity.SERVICE_PRINCIPAL);
                }
                username = Identity.SERVICE_PRINCIPAL;
                accessKeyId = null;
            }
        } else {
            userIdentity = identityBlock(id);
            username = id.userName();
            accessKeyId = id.accessKeyId();
            source = ctx.sourceIp();
            agent = ctx.userAgent() == null ? "" : ctx.userAgent();
        }
        JsonNode params = request == null ? NullNode.getInstance() : CloudTrailShape.of(request);
        JsonNode result = response == null || readOnly ? NullNode.getInstance() : CloudTrailShape.of(response);
        if (result instanceof ObjectNode o && o.isEmpty()) {
            result = NullNode.getInstance();
        }
        List<AuditEvent.Resource> resources = new ArrayList<>();
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add(principal.accountId());
        for (KmsKey k : call.touched()) {
            resources.add(new AuditEvent.Resource("AWS::KMS::Key", k.arn()));
            accounts.add(k.accountId);
        }
        for (String account : accounts) {
            audit.record(CloudTrailEvents.apiCall(new CloudTrailEvents.ApiCall(account, ctx.region(), kms.now(),
                    "kms.amazonaws.com", op, userIdentity.deepCopy(), username, accessKeyId, source, agent, params, result,
                    ctx.requestId(), readOnly, resources, account, failure == null ? null : failure.code(),
                    failure == null ? null : failure.getMessage())));
        }
    }

    private static ObjectNode identityBlock(Identity i) {
        ObjectNode o = CloudTrailEvents.JSON.createObjectNode();
        o.put("type", i.type());
        o.put("principalId", i.type().equals("Root") ? i.accountId() : "AIDA" + i.userName().toUpperCase() + i.accountId());
        o.put("arn", i.arn());
        o.put("accountId", i.accountId());
        o.put("accessKeyId", i.accessKeyId());
        if (i.type().equals("IAMUser")) {
            o.put("userName", i.userName());
        }
        return o;
    }
}
