Feature: Global table replicas whose customer managed key is inaccessible

  If the customer managed key that encrypts a global table replica (version 2019.11.21) becomes
  inaccessible, DynamoDB removes that replica from the replication group. The replica table is not
  deleted, and replication from and to its Region stops, 20 hours after DynamoDB detected the key as
  inaccessible. Until then the replica reports INACCESSIBLE_ENCRYPTION_CREDENTIALS and the time of
  detection (ReplicaInaccessibleDateTime).

  Background:
    Given a customer managed key "key A" in "us-east-1"
    And a customer managed key "key B" in "eu-west-1"
    And the table "orders" in "us-east-1" encrypted with "key A"
    And a replica of "orders" in "eu-west-1" encrypted with "key B"
    And an item written to "orders" in "us-east-1" is replicated to "eu-west-1"

  @EAR-GTR-001 @needs-global-tables @needs-clock-control
  Scenario Outline: The replica leaves the replication group 20 hours after detection (<when>)
    When "key B" is disabled
    And DynamoDB detects that the key of the replica of "orders" in "eu-west-1" is inaccessible
    Then the replica of "orders" in "eu-west-1" has status "INACCESSIBLE_ENCRYPTION_CREDENTIALS" and records when
    When <elapsed> pass after the detection
    Then the replica of "orders" in "eu-west-1" is <membership>

    Examples: Around the 20-hour boundary
      | when                     | elapsed            | membership                        |
      | one minute before 20 h   | 19 hours 59 minutes | still in the replication group   |
      | one minute after 20 h    | 20 hours 1 minute   | removed from the replication group |

  # Detection 40 minutes after the key is disabled, with no traffic in between: the 20 hours count from the
  # detection the replica records, so a replica removed 20 hours after the disable, or after the last time its
  # key was used, is gone at 19 hours 59 minutes after the detection.
  @EAR-GTR-001 @needs-global-tables @needs-clock-control
  Scenario Outline: The 20 hours count from the detection, not from the change to the key (<when>)
    Given the clock moves on by 3 hours
    When "key B" is disabled
    And the clock moves on by 40 minutes
    And DynamoDB detects that the key of the replica of "orders" in "eu-west-1" is inaccessible
    Then the replica of "orders" in "eu-west-1" has status "INACCESSIBLE_ENCRYPTION_CREDENTIALS" and records when
    When <elapsed> pass after the detection
    Then the replica of "orders" in "eu-west-1" is <membership>

    Examples: Around 20 hours after a detection that came late
      | when                     | elapsed             | membership                         |
      | one minute before 20 h   | 19 hours 59 minutes | still in the replication group     |
      | one minute after 20 h    | 20 hours 1 minute   | removed from the replication group |

  # "Replication will stop from and to this region" (S36) means something only if it ran both ways before: while
  # the replica is a member, writes reach the other Region, and writes of one item in both Regions settle on both
  # sides on the last writer by the service's timestamp, as DynamoDB documents for version 2019.11.21 ("Global
  # tables: how it works"). A later write made before the earlier one could have replicated must still win; two
  # writes at the same moment may end either way, but the same way in both Regions.
  @EAR-GTR-002 @needs-global-tables
  Scenario: While the replica is in the group, the last writer of an item wins in both Regions
    When the item "late" of "orders" is written in "us-east-1" and then at once in "eu-west-1"
    Then the item "late" of "orders" settles on the write made in "eu-west-1" in "us-east-1" and "eu-west-1"
    When the item "early" of "orders" is written in "eu-west-1" and then at once in "us-east-1"
    Then the item "early" of "orders" settles on the write made in "us-east-1" in "us-east-1" and "eu-west-1"
    When 20 items of "orders" are each written in "us-east-1" and in "eu-west-1" at the same moment
    Then each of those items of "orders" settles on one and the same of its two writes in "us-east-1" and "eu-west-1"

  # After the removal each side keeps what it had and what it is given. A write is watched on the other side for
  # twice the time replication took in the Background, so an asynchronous target that still replicates is caught
  # too. The item written in us-east-1 and then in eu-west-1 would settle on eu-west-1's write in both Regions if
  # replication still ran (previous scenario); us-east-1 keeping its own shows it does not.
  @EAR-GTR-002 @needs-global-tables @needs-clock-control
  Scenario: The removed replica is kept but no longer replicated
    When "key B" is disabled
    And DynamoDB detects that the key of the replica of "orders" in "eu-west-1" is inaccessible
    And 20 hours 1 minute pass after the detection
    Then the replica of "orders" in "eu-west-1" is removed from the replication group
    When I enable "key B"
    Then the table "orders" still exists in "eu-west-1"
    And the table "orders" in "eu-west-1" still holds the item replicated to it before the removal
    And an item written to "orders" in "us-east-1" does not reach "eu-west-1"
    And an item written to "orders" in "eu-west-1" does not reach "us-east-1"
    When the item "shared" of "orders" is written in "us-east-1" and then at once in "eu-west-1"
    Then "us-east-1" keeps its own write of the item "shared" of "orders"
    And "eu-west-1" keeps its own write of the item "shared" of "orders"
