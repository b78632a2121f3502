Feature: On-demand backups keep the key they were made with

  On-demand backups are encrypted with the table-level key in effect when the backup is created.
  Updating the table-level key later does not change the key associated with existing backups, so
  restoring an old backup needs the key that was current when it was made. DescribeBackup shows that
  key in SourceTableFeatureDetails.SSEDescription.

  @EAR-BAK-001
  Scenario Outline: A backup records the <kind> key of its table
    Given a customer managed key "key A"
    And the table "orders" encrypted with the <kind> key
    When I create the backup "orders-b1" of "orders"
    Then the backup "orders-b1" records the key that "orders" reports

    Examples: Key kinds that name a KMS key
      | kind             |
      | AWS managed      |
      | customer managed |

  @EAR-BAK-002
  Scenario: Switching the table key leaves existing backups on their key
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I write 5 items to "orders"
    And I create the backup "orders-b1" of "orders"
    When I switch the table "orders" to "key B"
    And the table "orders" finishes updating
    And I create the backup "orders-b2" of "orders"
    Then the backup "orders-b1" records the ARN of "key A"
    And the backup "orders-b2" records the ARN of "key B"
