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

  @EAR-GTR-002 @needs-global-tables @needs-clock-control
  Scenario: The removed replica is kept but no longer replicated
    When "key B" is disabled
    And DynamoDB detects that the key of the replica of "orders" in "eu-west-1" is inaccessible
    And 20 hours 1 minute pass after the detection
    Then the replica of "orders" in "eu-west-1" is removed from the replication group
    When I enable "key B"
    Then the table "orders" still exists in "eu-west-1"
    And an item written to "orders" in "us-east-1" does not reach "eu-west-1"
    And an item written to "orders" in "eu-west-1" does not reach "us-east-1"
