package earkit.kit.steps;

/**
 * Regions as the features name them. The features speak of "us-east-1" (the primary) and "eu-west-1"
 * (the replica); a target whose Regions differ maps them through its profile (region, region.second).
 */
final class RegionNames {
    private RegionNames() {
    }

    static String resolve(World world, String featureRegion) {
        return switch (featureRegion) {
            case "us-east-1" -> world.region();
            case "eu-west-1" -> world.session().secondRegion();
            default -> featureRegion;
        };
    }
}
