@data-paths
Feature: Every data path of a table whose key is gone, or which is archived

  Disabling the customer managed key of a table, or scheduling it for deletion, prevents all users and the
  DynamoDB service from encrypting or decrypting the table's data and from reading and writing the table,
  whichever operation is used; the table stays intact and serves again once DynamoDB has the key back within
  seven days. An archived table can no longer be accessed at all. Each path is one Examples row, performed
  through the SDK on a new connection (which holds no table key cached from before the loss).

  Background:
    Given a customer managed key "key A"
    And the table "orders" with a local secondary index, a global secondary index and a stream, encrypted with "key A"
    And I write 5 items to "orders"

  # A refused write aims at the items already written, so that a write wrongly taken shows as changed data when
  # they are read back; the path run with the key back touches items of its own.
  @EAR-INA-001 @EAR-INA-004 @needs-clock-control @needs-distinct-connections
  Scenario Outline: <path> is refused while the key is disabled or pending deletion, and works again once it is back
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    Then <path> on "orders" is refused as documented
    When I enable "key A"
    And DynamoDB uses the key of "orders" again
    Then the table "orders" becomes "ACTIVE"
    And <path> on "orders" works again
    When "key A" is scheduled for deletion
    And DynamoDB detects that the key of "orders" is inaccessible
    Then <path> on "orders" is refused as documented
    When 6 days 23 hours pass after the detection
    And I cancel the deletion of "key A" and enable it
    And DynamoDB uses the key of "orders" again
    Then the table "orders" becomes "ACTIVE"
    And <path> on "orders" works again
    And the 5 items written to "orders" read back unchanged on a new connection

    Examples: Item and table paths
      | path                            |
      | GetItem                         |
      | PutItem                         |
      | UpdateItem                      |
      | DeleteItem                      |
      | Query on the table              |
      | Scan of the table               |
      | BatchGetItem                    |
      | BatchWriteItem                  |
      | GetRecords on the table's stream |

    @EAR-IDX-001
    Examples: Index paths
      | path                                |
      | Query on the local secondary index  |
      | Query on the global secondary index |
      | Scan of the local secondary index   |
      | Scan of the global secondary index  |

  # Time to Live is DynamoDB's own data path: no deletion while the key is gone, deletions again once it is back.
  @EAR-INA-001 @EAR-INA-004 @needs-clock-control @needs-distinct-connections
  Scenario: Time to Live deletes nothing while the key is inaccessible, and deletes again once it is back
    Given Time to Live is enabled on "orders"
    And an item of "orders" expires 1 hour from now
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And 3 days pass after the detection
    And I enable "key A"
    And DynamoDB uses the key of "orders" again
    Then the table "orders" becomes "ACTIVE"
    And the expired item of "orders" is deleted by DynamoDB within 2 days of the key's return, not before it

  # The key is given back before the paths are tried: an archived table stays shut all the same.
  @EAR-INA-005 @needs-clock-control @needs-distinct-connections
  Scenario Outline: <path> is refused on an archived table, even with the key back
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    And 7 days 1 hour pass after the detection
    Then the table "orders" is archived
    When I enable "key A"
    Then <path> on "orders" is refused as documented

    Examples: Every path
      | path                                |
      | GetItem                             |
      | PutItem                             |
      | UpdateItem                          |
      | DeleteItem                          |
      | Query on the table                  |
      | Query on the local secondary index  |
      | Query on the global secondary index |
      | Scan of the table                   |
      | Scan of the local secondary index   |
      | Scan of the global secondary index  |
      | BatchGetItem                        |
      | BatchWriteItem                      |
      | GetRecords on the table's stream    |
      | CreateBackup                        |
