package earkit.reference.domain.kms;

import earkit.reference.Fault;

import static earkit.reference.domain.kms.KeyStateRules.requireUsable;

import earkit.reference.crypto.Aead;
import earkit.reference.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.kms.model.GrantOperation;

/** Grants: permissions on one key given to a principal, created, listed, retired and revoked. */
public final class KeyGrants {
    private final KeyState state;
    private final KeyAccess access;

    public record GrantIssued(String grantId, String grantToken) {
    }

    KeyGrants(KeyState state, KeyAccess access) {
        this.state = state;
        this.access = access;
    }

    public GrantIssued createGrant(KmsCall call, String keyId, String grantee, List<String> operations,
                                   String retiring, Map<String, String> subset, Map<String, String> equals,
                                   String name, boolean dryRun) {
        synchronized (state) {
            if (state.faults.has(Fault.CUSTOMER_GRANTS_REFUSED) && !call.caller().throughService()) {
                throw new DomainException("AccessDeniedException", "User: " + call.caller().arn()
                        + " is not authorized to perform: kms:CreateGrant on a key in use by DynamoDB");
            }
            if (operations.isEmpty()) {
                throw DomainException.validation("1 validation error detected: Value '[]' at 'operations' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
            }
            for (String op : operations) {
                if (GrantOperation.fromValue(op) == GrantOperation.UNKNOWN_TO_SDK_VERSION) {
                    throw DomainException.validation("1 validation error detected: Value '" + operations + "' at 'operations' "
                            + "failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                            + GrantOperation.knownValues() + "]");
                }
            }
            KmsKey k = access.authorized(call, keyId, "CreateGrant");
            requireUsable(k, "CreateGrant");
            if (dryRun) {
                throw dryRunSucceeded();
            }
            for (Grant g : state.grants.values()) {
                if (name != null && name.equals(g.name()) && g.keyId().equals(k.id) && g.granteePrincipal().equals(grantee)
                        && g.operations().equals(operations) && Objects.equals(g.retiringPrincipal(), retiring)
                        && Objects.equals(g.encryptionContextSubset(), subset)
                        && Objects.equals(g.encryptionContextEquals(), equals)) {
                    return new GrantIssued(g.grantId(), token(g.grantId()));
                }
            }
            String grantId = HexFormat.of().formatHex(Aead.random(32));
            Grant g = new Grant(grantId, k.id, k.accountId, k.region, name, grantee, retiring, k.accountId,
                    List.copyOf(operations), subset, equals, state.clock.now());
            state.grants.put(grantId, g);
            state.repo.save(g);
            state.repo.commit();
            return new GrantIssued(grantId, token(grantId));
        }
    }

    public List<Grant> listGrants(KmsCall call, String keyId, String grantId, String grantee) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "ListGrants");
            return state.grants.values().stream().filter(g -> g.keyId().equals(k.id))
                    .filter(g -> grantId == null || grantId.equals(g.grantId()))
                    .filter(g -> grantee == null || grantee.equals(g.granteePrincipal())).toList();
        }
    }

    public List<Grant> listRetirableGrants(KmsCall call, String retiringPrincipal) {
        synchronized (state) {
            KeyAccess.requireIam(call, "ListRetirableGrants");
            return state.grants.values().stream().filter(g -> retiringPrincipal.equals(g.retiringPrincipal())
                    && g.region().equals(call.region())).toList();
        }
    }

    public Grant retireGrant(KmsCall call, String grantToken, String keyId, String grantId, boolean dryRun) {
        synchronized (state) {
            Grant g;
            if (grantToken != null) {
                g = state.grants.get(grantIdOf(grantToken));
                if (g == null) {
                    throw new DomainException("InvalidGrantTokenException", "Grant token is not valid or refers to a retired grant.");
                }
            } else if (keyId != null && grantId != null) {
                KmsKey k = access.resolve(call, keyId, false);
                g = state.grants.get(grantId);
                if (g == null || !g.keyId().equals(k.id)) {
                    throw grantNotFound(grantId);
                }
            } else {
                throw DomainException.validation("Either a grant token or a key ID and a grant ID are required.");
            }
            KmsKey k = state.keys.get(g.keyId());
            if (k != null) {
                call.touch(k);
            }
            Caller c = call.caller();
            boolean allowed;
            if (c.throughService()) {
                Set<String> service = KeyAccess.servicePrincipals(call);
                allowed = service.contains(g.retiringPrincipal())
                        || (service.contains(g.granteePrincipal()) && g.operations().contains("RetireGrant"));
            } else {
                allowed = c.arn().equals(g.retiringPrincipal())
                        || (c.arn().equals(g.granteePrincipal()) && g.operations().contains("RetireGrant"))
                        || (c.iamAdmin() && c.accountId().equals(g.accountId()));
            }
            if (!allowed) {
                throw KeyAccess.denied(c, "RetireGrant", k == null ? "*" : k.arn(), false);
            }
            if (dryRun) {
                throw dryRunSucceeded();
            }
            remove(g);
            return g;
        }
    }

    public void revokeGrant(KmsCall call, String keyId, String grantId, boolean dryRun) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "RevokeGrant");
            Grant g = state.grants.get(grantId);
            if (g == null || !g.keyId().equals(k.id)) {
                throw grantNotFound(grantId);
            }
            if (dryRun) {
                throw dryRunSucceeded();
            }
            remove(g);
        }
    }

    /** What a call with {@code DryRun} answers once every check has passed. */
    public static DomainException dryRunSucceeded() {
        return new DomainException("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
    }

    private static DomainException grantNotFound(String grantId) {
        return new DomainException("NotFoundException", "Grant ID " + grantId + " not found");
    }

    private void remove(Grant g) {
        state.grants.remove(g.grantId());
        state.repo.remove(g);
        state.repo.commit();
    }

    private static String token(String grantId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (grantId + ":" + HexFormat.of().formatHex(Aead.random(16))).getBytes(StandardCharsets.UTF_8));
    }

    private static String grantIdOf(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon == 64 ? s.substring(0, colon) : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
