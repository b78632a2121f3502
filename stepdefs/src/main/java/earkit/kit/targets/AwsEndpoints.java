package earkit.kit.targets;

import java.net.URI;

/** The public regional endpoints of the AWS services the kit calls (commercial partition). */
final class AwsEndpoints {
    private AwsEndpoints() {
    }

    static URI regional(String service, String region) {
        String host = switch (service) {
            case "dynamodb" -> "dynamodb";
            case "streams" -> "streams.dynamodb";
            case "kms" -> "kms";
            case "cloudtrail" -> "cloudtrail";
            case "logs" -> "logs";
            default -> throw new IllegalArgumentException("The kit calls no AWS service '" + service + "'");
        };
        return URI.create("https://" + host + "." + region + ".amazonaws.com");
    }
}
