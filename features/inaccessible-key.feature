Feature: A customer managed key that DynamoDB can no longer use

  Disabling the customer managed key of a table, or scheduling it for deletion, stops everyone,
  DynamoDB included, from encrypting or decrypting the table's data. As soon as DynamoDB detects the
  inaccessible key, the table status becomes INACCESSIBLE_ENCRYPTION_CREDENTIALS, the detection time
  is recorded in SSEDescription.InaccessibleEncryptionDateTime, and the customer is notified. The
  customer has seven days to give DynamoDB access to the key again. If the key stays inaccessible for
  longer than seven days, DynamoDB archives the table: it creates an on-demand backup (billed to the
  customer) and the table can no longer be accessed. That backup restores to a new table once the
  table's last customer managed key is enabled and accessible to DynamoDB again.

  Detection happens when DynamoDB next calls KMS for the table (see key-refresh.feature); the steps
  "DynamoDB detects that the key is inaccessible" and "DynamoDB uses the key again" make it call KMS
  by reading on a new connection, which has no cached table key.

  Background:
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    And I write 5 items to "orders"

  @EAR-INA-001 @EAR-INA-002 @needs-distinct-connections @sdk-matrix
  Scenario Outline: Taking the key away (<change>) makes the table inaccessible
    When "key A" is <change>
    And DynamoDB detects that the key of "orders" is inaccessible
    Then the table "orders" has status "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
    And the table "orders" records when the key was found inaccessible
    And reading "orders" fails for every user
    And writing to "orders" fails for every user

    Examples: Ways to take the key away
      | change                 |
      | disabled               |
      | scheduled for deletion |

  @EAR-INA-003 @needs-notifications
  Scenario: The customer is notified as soon as the key is found inaccessible
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    Then a notification names the table "orders" and "key A"

  @EAR-INA-004 @needs-clock-control @needs-distinct-connections
  Scenario Outline: Access given back within seven days (<how>) returns the table to service
    When "key A" is <change>
    And DynamoDB detects that the key of "orders" is inaccessible
    And 6 days 23 hours pass after the detection
    And I <remedy>
    And DynamoDB uses the key of "orders" again
    Then the table "orders" becomes "ACTIVE"
    And the table "orders" no longer records an inaccessible key
    And the 5 items written to "orders" read back unchanged on a new connection

    Examples: Remedies
      | how                     | change                 | remedy                                     |
      | re-enabling the key     | disabled               | enable "key A"                             |
      | cancelling the deletion | scheduled for deletion | cancel the deletion of "key A" and enable it |

  @EAR-INA-005 @needs-clock-control
  Scenario Outline: The table is archived after seven days, not before (<when>)
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And <elapsed> pass after the detection
    Then the table "orders" is <state>

    # Both sides of the deadline, one second away from it, and half an hour before it (an implementation that
    # archives at 6 days 23 hours 30 minutes passes the one-second rows only if it is never looked at in between).
    Examples: Around the seven-day boundary
      | when                         | elapsed                               | state                      |
      | half an hour before seven days | 6 days 23 hours 30 minutes 1 second | inaccessible, not archived |
      | one second before seven days | 6 days 23 hours 59 minutes 59 seconds | inaccessible, not archived |
      | one second after seven days  | 7 days 1 second                       | archived                   |

  @EAR-INA-002 @EAR-INA-005 @needs-clock-control
  Scenario: The detection instant is recorded, and the seven days count from it, not from the change to the key
    Given the clock moves on by 3 hours
    When "key A" is disabled
    And the clock moves on by 30 minutes
    And DynamoDB detects that the key of "orders" is inaccessible
    Then the table "orders" records when the key was found inaccessible
    When 6 days 23 hours 59 minutes 59 seconds pass after the detection
    Then the table "orders" is inaccessible, not archived
    When 7 days 1 second pass after the detection
    Then the table "orders" is archived

  @EAR-INA-005 @EAR-INA-006 @needs-clock-control
  Scenario: Archival backs the table up and shuts it
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And 7 days 1 hour pass after the detection
    Then the table "orders" is archived
    And the archival backup of "orders" is listed among the backups of "orders"
    And reading "orders" fails for every user

  @EAR-INA-007 @needs-clock-control
  Scenario: The archival backup restores once the last key is enabled again
    Given "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And 7 days 1 hour pass after the detection
    And the table "orders" is archived
    When I enable "key A"
    And I restore the archival backup of "orders" to the table "orders-restored"
    Then the table "orders-restored" becomes "ACTIVE"
    And the 5 items written to "orders" read back unchanged from "orders-restored"

  @EAR-INA-008 @needs-clock-control
  Scenario: The archival backup does not restore while the last key is disabled
    Given "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And 7 days 1 hour pass after the detection
    And the table "orders" is archived
    When I try to restore the archival backup of "orders" to the table "orders-restored"
    Then the restore is refused or the table "orders-restored" is not readable
