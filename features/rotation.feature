Feature: Rotation of the keys behind a table

  In May 2022 AWS KMS changed the rotation schedule of AWS managed keys from every three years
  (about 1,095 days) to every year (about 365 days). New AWS managed keys rotate one year after they
  are created and about every year after that; existing AWS managed keys rotate one year after their
  most recent rotation, and every year after that. AWS managed keys always report automatic rotation
  as enabled. Customer managed keys rotate only when the customer enables automatic rotation (with a
  period of 90 to 2560 days) or asks for an on-demand rotation. Rotation changes key material only:
  the key ARN stays, and old material keeps decrypting what it encrypted.

  Rotations are counted from the key's rotation history (ListKeyRotations). Day counts below keep a
  margin of a few days around each due date because AWS documents the schedule as approximate. The
  AWS managed key is brought into being the way DynamoDB does it, with DescribeKey on its predefined
  alias (the key-kinds feature shows that a table creates it too), so that years of virtual time pass
  without a table's own background work.

  @EAR-ROT-001
  Scenario: The AWS managed key reports automatic rotation
    Given the table "orders" encrypted with the AWS managed key
    Then the KMS key of the table "orders" reports automatic rotation enabled

  @EAR-ROT-002 @needs-clock-control @needs-fresh-account
  Scenario Outline: A new AWS managed key rotates every year from its creation (<when>)
    Given the AWS managed key for DynamoDB exists
    When the clock moves on by <elapsed>
    Then the AWS managed key for DynamoDB has been rotated <count> times

    Examples: Yearly schedule of a key created after May 2022
      | when                        | elapsed  | count |
      | just before the first year  | 360 days | 0     |
      | just after the first year   | 370 days | 1     |
      | just before the second year | 725 days | 1     |
      | just after the second year  | 735 days | 2     |
      | long before three years     | 1090 days | 2    |

  @EAR-ROT-003 @needs-clock-control @needs-historic-clock
  Scenario Outline: An AWS managed key from before May 2022 moves to the yearly schedule from its last rotation (<when>)
    Given the clock reads "2019-03-01T00:00:00Z"
    And the AWS managed key for DynamoDB exists
    When the clock is set to "<date>"
    Then the AWS managed key for DynamoDB has been rotated <count> times

    Examples: Three-yearly until the change, then yearly from the most recent rotation
      | when                                    | date                 | count |
      | before the first three-year rotation    | 2022-02-20T00:00:00Z | 0     |
      | after the first three-year rotation     | 2022-03-10T00:00:00Z | 1     |
      | one year after it, not yet              | 2023-02-20T00:00:00Z | 1     |
      | one year after it, rotated              | 2023-03-10T00:00:00Z | 2     |
      | two years after it                      | 2024-03-10T00:00:00Z | 3     |

  # Created in September 2021, its three years would end in September 2024, after the change; a year from its
  # creation ends after the change too, so it rotates then (S05). A key kept on the three-year schedule, or moved
  # to a year counted from the change (May 2023), shows no rotation just after September 2022.
  @EAR-ROT-003 @needs-clock-control @needs-historic-clock
  Scenario Outline: An AWS managed key whose three years end after May 2022 rotates a year after its creation (<when>)
    Given the clock reads "2021-09-01T00:00:00Z"
    And the AWS managed key for DynamoDB exists
    When the clock is set to "<date>"
    Then the AWS managed key for DynamoDB has been rotated <count> times

    Examples: Yearly from creation across the change
      | when                       | date                 | count |
      | just before one year       | 2022-08-27T00:00:00Z | 0     |
      | just after one year        | 2022-09-06T00:00:00Z | 1     |
      | just before two years      | 2023-08-27T00:00:00Z | 1     |
      | just after two years       | 2023-09-06T00:00:00Z | 2     |

  @EAR-ROT-004
  Scenario: Automatic rotation of a customer managed key is off by default
    Given a customer managed key "key A"
    Then "key A" reports automatic rotation disabled

  @EAR-ROT-004 @needs-clock-control
  Scenario Outline: A customer managed key rotates on the period the customer chose (<period> days)
    Given a customer managed key "key A"
    When I enable automatic rotation of "key A" every <period> days
    And the clock moves on by <before> days
    Then "key A" has been rotated 0 times
    When the clock moves on by 2 days
    Then "key A" has been rotated 1 times
    When the clock moves on by <period> days
    Then "key A" has been rotated 2 times

    Examples: Periods at the bounds and the default
      | period | before |
      | 90     | 89     |
      | 365    | 364    |
      | 2560   | 2559   |

  @EAR-ROT-004
  Scenario Outline: The rotation period is 90 to 2560 days (<period> days)
    Given a customer managed key "key A"
    When I try to enable automatic rotation of "key A" every <period> days
    Then <outcome>

    Examples: Both sides of both bounds
      | period | outcome                                                      |
      | 89     | KMS refuses the request with error code "ValidationException" |
      | 90     | "key A" reports automatic rotation every 90 days             |
      | 2560   | "key A" reports automatic rotation every 2560 days           |
      | 2561   | KMS refuses the request with error code "ValidationException" |

  # A disabled key is not rotated; enabled again, it rotates at once if its key material is more than a year old,
  # otherwise its schedule resumes (AWS KMS API Reference: GetKeyRotationStatus). The key is disabled 10 days
  # after yearly rotation was enabled: at 364 days its rotation is not due yet, at 366 days it fell due while
  # the key was disabled.
  @EAR-ROT-004 @needs-clock-control
  Scenario Outline: A disabled key is not rotated, and catches up when enabled again (<when>)
    Given a customer managed key "key A"
    And I enable automatic rotation of "key A" every 365 days
    When the clock moves on by 10 days
    And "key A" is disabled
    And the clock moves on by <disabled> days
    Then "key A" has been rotated 0 times
    When I enable "key A"
    Then "key A" has been rotated <count> times

    Examples: Material just under and just over a year old when enabled again
      | when                          | disabled | count |
      | material 364 days old         | 354      | 0     |
      | material 366 days old         | 356      | 1     |

  @EAR-ROT-005 @needs-clock-control
  Scenario: On-demand rotation rotates at once and keeps the automatic schedule
    Given a customer managed key "key A"
    And I enable automatic rotation of "key A" every 365 days
    When the clock moves on by 100 days
    And I rotate "key A" on demand
    Then "key A" has been rotated 1 times
    And the next automatic rotation of "key A" is still 365 days after rotation was enabled

  # KMS allows 25 on-demand rotations per key (AWS KMS Developer Guide: Rotating AWS KMS keys; 10 when the
  # feature was launched): the 25th is accepted, the 26th refused.
  @EAR-ROT-005 @needs-clock-control
  Scenario: On-demand rotations are limited to 25 per key
    Given a customer managed key "key A"
    When I rotate "key A" on demand 25 times, one hour apart
    Then "key A" has been rotated 25 times
    When I try to rotate "key A" on demand
    Then KMS refuses the request with error code "LimitExceededException"
    And "key A" has been rotated 25 times

  @EAR-ROT-005
  Scenario: On-demand rotation is refused for the AWS managed key
    Given the table "orders" encrypted with the AWS managed key
    When I try to rotate the KMS key of the table "orders" on demand
    Then KMS refuses the request

  @EAR-ROT-006
  Scenario: Items written before a rotation stay readable and the key ARN stays
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    And I write 5 items to "orders"
    When I rotate "key A" on demand
    And I write 5 more items to "orders"
    Then the table "orders" reports SSE status "ENABLED", type "KMS" and the ARN of "key A"
    And the 10 items written to "orders" read back unchanged on a new connection
