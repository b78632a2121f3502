package earkit.reference.service;

import earkit.reference.Fault;
import earkit.reference.Faults;

import earkit.reference.domain.DomainException;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.kms.Caller;
import earkit.reference.domain.kms.CostMeter;
import earkit.reference.domain.kms.Grant;
import earkit.reference.domain.kms.KeyCryptography;
import earkit.reference.domain.kms.KeyGrants;
import earkit.reference.domain.kms.KeyManagement;
import earkit.reference.domain.kms.KeyRotation;
import earkit.reference.domain.kms.KeyMaterial;
import earkit.reference.domain.kms.KmsCall;
import earkit.reference.domain.kms.KmsKey;
import earkit.reference.domain.kms.RequestQuotas;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.Identity;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Operations;
import earkit.reference.protocol.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.kms.model.*;

/**
 * AWS KMS over JSON 1.1 ({@code TrentService.*}): turns the SDK shapes into calls of
 * {@link KeyManagement} and back, and audits every call, whatever its outcome, into CloudTrail. The checks
 * of a request are {@link KmsRequestRules}; the CloudTrail record of a call is {@link KmsTrailRecords}.
 */
public final class KmsService {
    private static final String SYMMETRIC = "SYMMETRIC_DEFAULT";

    private final KeyManagement kms;
    private final KmsTrailRecords trail;
    private final CostMeter meter;
    private final RequestQuotas quotas;
    private final Operations ops = new Operations(WireErrors.REFUSALS);
    private final Map<String, KmsCall> calls = new ConcurrentHashMap<>();
    private final boolean managedReportedAsCustomer;

    /** {@code faults}: the kit's self-test faults of the KMS wire shapes (MANAGED_KEY_REPORTED_AS_CUSTOMER, AUDIT_WITHOUT_INVOKED_BY, GRANT_AUDIT_WITHOUT_INVOKED_BY). */
    public KmsService(KeyManagement kms, AuditTrail audit, CostMeter meter, RequestQuotas quotas, Faults faults) {
        this.managedReportedAsCustomer = faults.has(Fault.MANAGED_KEY_REPORTED_AS_CUSTOMER);
        this.kms = kms;
        this.trail = new KmsTrailRecords(kms, audit, faults.has(Fault.AUDIT_WITHOUT_INVOKED_BY),
                faults.has(Fault.GRANT_AUDIT_WITHOUT_INVOKED_BY));
        this.meter = meter;
        this.quotas = quotas;
        ops.add("CreateKey", CreateKeyRequest::builder, this::createKey)
                .add("DescribeKey", DescribeKeyRequest::builder, (c, r) -> DescribeKeyResponse.builder()
                        .keyMetadata(metadata(kms.lifecycle().describeKey(call(c), r.keyId()))).build())
                .add("ListKeys", ListKeysRequest::builder, this::listKeys)
                .add("UpdateKeyDescription", UpdateKeyDescriptionRequest::builder, (c, r) -> {
                    kms.lifecycle().updateKeyDescription(call(c), r.keyId(), r.description());
                    return UpdateKeyDescriptionResponse.builder().build();
                })
                .add("EnableKey", EnableKeyRequest::builder, (c, r) -> {
                    kms.lifecycle().enableKey(call(c), r.keyId());
                    return EnableKeyResponse.builder().build();
                })
                .add("DisableKey", DisableKeyRequest::builder, (c, r) -> {
                    kms.lifecycle().disableKey(call(c), r.keyId());
                    return DisableKeyResponse.builder().build();
                })
                .add("ScheduleKeyDeletion", ScheduleKeyDeletionRequest::builder, (c, r) -> {
                    KmsKey k = kms.lifecycle().scheduleKeyDeletion(call(c), r.keyId(), r.pendingWindowInDays());
                    return ScheduleKeyDeletionResponse.builder().keyId(k.arn()).deletionDate(k.deletionDate)
                            .keyState(k.keyState).pendingWindowInDays(r.pendingWindowInDays() == null ? 30 : r.pendingWindowInDays())
                            .build();
                })
                .add("CancelKeyDeletion", CancelKeyDeletionRequest::builder, (c, r) ->
                        CancelKeyDeletionResponse.builder().keyId(kms.lifecycle().cancelKeyDeletion(call(c), r.keyId()).arn()).build())
                .add("EnableKeyRotation", EnableKeyRotationRequest::builder, (c, r) -> {
                    kms.rotation().enableKeyRotation(call(c), r.keyId(), r.rotationPeriodInDays());
                    return EnableKeyRotationResponse.builder().build();
                })
                .add("DisableKeyRotation", DisableKeyRotationRequest::builder, (c, r) -> {
                    kms.rotation().disableKeyRotation(call(c), r.keyId());
                    return DisableKeyRotationResponse.builder().build();
                })
                .add("GetKeyRotationStatus", GetKeyRotationStatusRequest::builder, (c, r) -> {
                    KeyRotation.RotationStatus s = kms.rotation().rotationStatus(call(c), r.keyId());
                    return GetKeyRotationStatusResponse.builder().keyId(s.keyId()).keyRotationEnabled(s.enabled())
                            .rotationPeriodInDays(s.periodDays()).nextRotationDate(s.nextRotation()).build();
                })
                .add("RotateKeyOnDemand", RotateKeyOnDemandRequest::builder, (c, r) ->
                        RotateKeyOnDemandResponse.builder().keyId(kms.rotation().rotateKeyOnDemand(call(c), r.keyId()).id).build())
                .add("ListKeyRotations", ListKeyRotationsRequest::builder, this::listKeyRotations)
                .add("Encrypt", EncryptRequest::builder, this::encrypt)
                .add("Decrypt", DecryptRequest::builder, this::decrypt)
                .add("ReEncrypt", ReEncryptRequest::builder, this::reEncrypt)
                .add("GenerateDataKey", GenerateDataKeyRequest::builder, (c, r) -> {
                    KeyCryptography.DataKey d = kms.cryptography().generateDataKey(call(c), r.keyId(), r.numberOfBytes(), r.keySpecAsString(),
                            r.encryptionContext(), "GenerateDataKey");
                    return GenerateDataKeyResponse.builder().keyId(d.key().arn()).plaintext(SdkBytes.fromByteArray(d.plaintext()))
                            .ciphertextBlob(SdkBytes.fromByteArray(d.ciphertext())).keyMaterialId(d.materialId()).build();
                })
                .add("GenerateDataKeyWithoutPlaintext", GenerateDataKeyWithoutPlaintextRequest::builder, (c, r) -> {
                    KeyCryptography.DataKey d = kms.cryptography().generateDataKey(call(c), r.keyId(), r.numberOfBytes(), r.keySpecAsString(),
                            r.encryptionContext(), "GenerateDataKeyWithoutPlaintext");
                    return GenerateDataKeyWithoutPlaintextResponse.builder().keyId(d.key().arn())
                            .ciphertextBlob(SdkBytes.fromByteArray(d.ciphertext())).keyMaterialId(d.materialId()).build();
                })
                .add("CreateAlias", CreateAliasRequest::builder, (c, r) -> {
                    kms.aliases().createAlias(call(c), r.aliasName(), r.targetKeyId());
                    return CreateAliasResponse.builder().build();
                })
                .add("UpdateAlias", UpdateAliasRequest::builder, (c, r) -> {
                    kms.aliases().updateAlias(call(c), r.aliasName(), r.targetKeyId());
                    return UpdateAliasResponse.builder().build();
                })
                .add("DeleteAlias", DeleteAliasRequest::builder, (c, r) -> {
                    kms.aliases().deleteAlias(call(c), r.aliasName());
                    return DeleteAliasResponse.builder().build();
                })
                .add("ListAliases", ListAliasesRequest::builder, this::listAliases)
                .add("CreateGrant", CreateGrantRequest::builder, this::createGrant)
                .add("ListGrants", ListGrantsRequest::builder, (c, r) -> {
                    Page<GrantListEntry> p = Page.of(kms.grants().listGrants(call(c), r.keyId(), r.grantId(), r.granteePrincipal())
                            .stream().map(KmsService::grantEntry).toList(), r.limit(), r.marker(), 50, 100);
                    return ListGrantsResponse.builder().grants(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
                })
                .add("ListRetirableGrants", ListRetirableGrantsRequest::builder, (c, r) -> {
                    Page<GrantListEntry> p = Page.of(kms.grants().listRetirableGrants(call(c), r.retiringPrincipal())
                            .stream().map(KmsService::grantEntry).toList(), r.limit(), r.marker(), 50, 100);
                    return ListRetirableGrantsResponse.builder().grants(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
                })
                .add("RetireGrant", RetireGrantRequest::builder, (c, r) -> {
                    kms.grants().retireGrant(call(c), r.grantToken(), r.keyId(), r.grantId(), Boolean.TRUE.equals(r.dryRun()));
                    return RetireGrantResponse.builder().build();
                })
                .add("RevokeGrant", RevokeGrantRequest::builder, (c, r) -> {
                    kms.grants().revokeGrant(call(c), r.keyId(), r.grantId(), Boolean.TRUE.equals(r.dryRun()));
                    return RevokeGrantResponse.builder().build();
                })
                .add("GetKeyPolicy", GetKeyPolicyRequest::builder, (c, r) -> GetKeyPolicyResponse.builder()
                        .policy(kms.policies().getKeyPolicy(call(c), r.keyId(), r.policyName())).policyName("default").build())
                .add("PutKeyPolicy", PutKeyPolicyRequest::builder, (c, r) -> {
                    kms.policies().putKeyPolicy(call(c), r.keyId(), r.policyName(), r.policy(),
                            Boolean.TRUE.equals(r.bypassPolicyLockoutSafetyCheck()));
                    return PutKeyPolicyResponse.builder().build();
                })
                .add("ListKeyPolicies", ListKeyPoliciesRequest::builder, (c, r) -> {
                    Page<String> p = Page.of(kms.policies().listKeyPolicies(call(c), r.keyId()), r.limit(), r.marker(), 100, 1000);
                    return ListKeyPoliciesResponse.builder().policyNames(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
                })
                .add("TagResource", TagResourceRequest::builder, (c, r) -> {
                    kms.tags().tagResource(call(c), r.keyId(), KmsRequestRules.tags(r.tags()));
                    return TagResourceResponse.builder().build();
                })
                .add("UntagResource", UntagResourceRequest::builder, (c, r) -> {
                    kms.tags().untagResource(call(c), r.keyId(), r.tagKeys());
                    return UntagResourceResponse.builder().build();
                })
                .add("ListResourceTags", ListResourceTagsRequest::builder, (c, r) -> {
                    Page<Tag> p = Page.of(kms.tags().listResourceTags(call(c), r.keyId()).entrySet().stream()
                            .map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build()).toList(),
                            r.limit(), r.marker(), 50, 50);
                    return ListResourceTagsResponse.builder().tags(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
                })
                .intercept(this::audited);
    }

    /** This service as the front door serves it. */
    public JsonService service() {
        return JsonService.json11("TrentService", "kms", ops);
    }

    // ---------------------------------------------------------------- handlers

    private CreateKeyResponse createKey(RequestContext ctx, CreateKeyRequest r) {
        String spec = r.keySpecAsString() != null ? r.keySpecAsString() : r.customerMasterKeySpecAsString();
        KmsKey k = kms.lifecycle().createKey(call(ctx), r.description(), spec, r.keyUsageAsString(), r.policy(),
                Boolean.TRUE.equals(r.bypassPolicyLockoutSafetyCheck()), r.hasTags() ? KmsRequestRules.tags(r.tags()) : null,
                r.originAsString());
        return CreateKeyResponse.builder().keyMetadata(metadata(k)).build();
    }

    private ListKeysResponse listKeys(RequestContext ctx, ListKeysRequest r) {
        Page<KeyListEntry> p = Page.of(kms.lifecycle().listKeys(call(ctx)).stream()
                .map(k -> KeyListEntry.builder().keyId(k.id).keyArn(k.arn()).build()).toList(), r.limit(), r.marker(), 100, 1000);
        return ListKeysResponse.builder().keys(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
    }

    private ListKeyRotationsResponse listKeyRotations(RequestContext ctx, ListKeyRotationsRequest r) {
        boolean all = "ALL_KEY_MATERIAL".equals(r.includeKeyMaterialAsString());
        List<KeyMaterial> materials = kms.rotation().listKeyRotations(call(ctx), r.keyId(), all);
        KmsKey key = call(ctx).touched().get(0);
        String current = key.currentMaterial().id();
        List<RotationsListEntry> entries = materials.stream().map(m -> RotationsListEntry.builder().keyId(key.id)
                .keyMaterialId(m.id()).rotationDate(m.rotationType() == null ? null : m.createdAt())
                .rotationType(m.rotationType()).keyMaterialState(m.id().equals(current) ? "CURRENT" : "NON_CURRENT")
                .build()).toList();
        Page<RotationsListEntry> p = Page.of(entries, r.limit(), r.marker(), 100, 1000);
        return ListKeyRotationsResponse.builder().rotations(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
    }

    private EncryptResponse encrypt(RequestContext ctx, EncryptRequest r) {
        KeyCryptography.Encrypted e = kms.cryptography().encrypt(call(ctx), r.keyId(), r.plaintext().asByteArrayUnsafe(), r.encryptionContext());
        return EncryptResponse.builder().keyId(e.key().arn()).ciphertextBlob(SdkBytes.fromByteArray(e.ciphertext()))
                .encryptionAlgorithm(SYMMETRIC).build();
    }

    private DecryptResponse decrypt(RequestContext ctx, DecryptRequest r) {
        KeyCryptography.Decrypted d = kms.cryptography().decrypt(call(ctx), r.ciphertextBlob().asByteArrayUnsafe(), r.encryptionContext(), r.keyId());
        return DecryptResponse.builder().keyId(d.key().arn()).plaintext(SdkBytes.fromByteArray(d.plaintext()))
                .encryptionAlgorithm(SYMMETRIC).keyMaterialId(d.materialId()).build();
    }

    private ReEncryptResponse reEncrypt(RequestContext ctx, ReEncryptRequest r) {
        KeyCryptography.ReEncrypted e = kms.cryptography().reEncrypt(call(ctx), r.ciphertextBlob().asByteArrayUnsafe(),
                r.sourceEncryptionContext(), r.sourceKeyId(), r.destinationKeyId(), r.destinationEncryptionContext());
        return ReEncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(e.ciphertext()))
                .sourceKeyId(e.source().arn()).keyId(e.destination().arn()).sourceEncryptionAlgorithm(SYMMETRIC)
                .destinationEncryptionAlgorithm(SYMMETRIC).sourceKeyMaterialId(e.sourceMaterialId())
                .destinationKeyMaterialId(e.destinationMaterialId()).build();
    }

    private ListAliasesResponse listAliases(RequestContext ctx, ListAliasesRequest r) {
        Page<AliasListEntry> p = Page.of(kms.aliases().listAliases(call(ctx), r.keyId()).stream().map(a -> AliasListEntry.builder()
                .aliasName(a.name()).aliasArn(a.arn()).targetKeyId(a.targetKeyId()).creationDate(a.creationDate())
                .lastUpdatedDate(a.lastUpdatedDate()).build()).toList(), r.limit(), r.marker(), 50, 100);
        return ListAliasesResponse.builder().aliases(p.items()).nextMarker(p.next()).truncated(p.truncated()).build();
    }

    private CreateGrantResponse createGrant(RequestContext ctx, CreateGrantRequest r) {
        GrantConstraints gc = r.constraints();
        Map<String, String> subset = gc != null && gc.hasEncryptionContextSubset() ? gc.encryptionContextSubset() : null;
        Map<String, String> equals = gc != null && gc.hasEncryptionContextEquals() ? gc.encryptionContextEquals() : null;
        KeyGrants.GrantIssued g = kms.grants().createGrant(call(ctx), r.keyId(), r.granteePrincipal(), r.operationsAsStrings(),
                r.retiringPrincipal(), subset, equals, r.name(), Boolean.TRUE.equals(r.dryRun()));
        return CreateGrantResponse.builder().grantId(g.grantId()).grantToken(g.grantToken()).build();
    }

    private static GrantListEntry grantEntry(Grant g) {
        GrantConstraints constraints = g.encryptionContextSubset() == null && g.encryptionContextEquals() == null ? null
                : GrantConstraints.builder().encryptionContextSubset(g.encryptionContextSubset())
                .encryptionContextEquals(g.encryptionContextEquals()).build();
        return GrantListEntry.builder().keyId(KmsKey.arn(g.region(), g.accountId(), g.keyId())).grantId(g.grantId())
                .name(g.name()).creationDate(g.creationDate()).granteePrincipal(g.granteePrincipal())
                .retiringPrincipal(g.retiringPrincipal()).issuingAccount("arn:aws:iam::" + g.issuingAccount() + ":root")
                .operationsWithStrings(g.operations()).constraints(constraints).build();
    }

    private KeyMetadata metadata(KmsKey k) {
        KeyMetadata.Builder b = KeyMetadata.builder().awsAccountId(k.accountId).keyId(k.id).arn(k.arn())
                .creationDate(k.creationDate).enabled(KmsKey.ENABLED.equals(k.keyState)).description(k.description)
                .keyUsage(k.keyUsage).keyState(k.keyState).deletionDate(k.deletionDate).origin("AWS_KMS")
                .keyManager(managedReportedAsCustomer ? KmsKey.CUSTOMER : k.keyManager).customerMasterKeySpec(k.keySpec).keySpec(k.keySpec).multiRegion(false);
        if (k.symmetric()) {
            b.encryptionAlgorithmsWithStrings(SYMMETRIC).currentKeyMaterialId(k.currentMaterial().id());
        } else if (k.keyUsage.equals("ENCRYPT_DECRYPT")) {
            b.encryptionAlgorithmsWithStrings("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
        } else if (k.keyUsage.equals("SIGN_VERIFY")) {
            b.signingAlgorithmsWithStrings(k.keySpec.startsWith("RSA_")
                    ? List.of("RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256") : List.of("ECDSA_SHA_256"));
        } else if (k.keyUsage.equals("GENERATE_VERIFY_MAC")) {
            b.macAlgorithmsWithStrings("HMAC_SHA_" + k.keySpec.substring("HMAC_".length()));
        }
        return b.build();
    }

    // ---------------------------------------------------------------- quotas, validation, metering, audit

    private KmsCall call(RequestContext ctx) {
        return calls.get(ctx.requestId());
    }

    static Caller caller(RequestContext ctx) {
        Identity id = ctx.identity();
        if (id.service()) {
            String via = "dynamodb." + ctx.region() + ".amazonaws.com";
            Identity p = ctx.onBehalfOf();
            return p != null ? new Caller(p.arn(), p.accountId(), p.accountAdmin(), via, false)
                    : new Caller(Identity.SERVICE_PRINCIPAL, id.accountId(), false, via, true);
        }
        return new Caller(id.arn(), id.accountId(), id.accountAdmin(), null, false);
    }

    private SdkPojo audited(RequestContext ctx, Object request, Supplier<SdkPojo> next) {
        KmsCall call = new KmsCall(caller(ctx), ctx.region());
        calls.put(ctx.requestId(), call);
        SdkPojo response = null;
        ApiException failure = null;
        try {
            quotas.admit(ctx.accountId(), ctx.operation(), kms.now());
            if (request != null) {
                KmsRequestRules.requireMembers(ctx.operation(), (SdkPojo) request);
            }
            response = next.get();
            if (KmsRequestRules.cryptographic(ctx.operation()) && KmsRequestRules.dryRun((SdkPojo) request)) {
                throw KeyGrants.dryRunSucceeded();
            }
            return response;
        } catch (ApiException e) {
            failure = e;
            throw e;
        } catch (DomainException e) {
            failure = WireErrors.of(e);
            throw failure;
        } catch (RuntimeException e) {
            failure = new ApiException("KMSInternalException", "Internal error", 500);
            throw e;
        } finally {
            calls.remove(ctx.requestId());
            call.touched().forEach(meter::request);
            trail.record(ctx, call, (SdkPojo) request, response, failure);
        }
    }


}
