Feature: Indexes and streams are encrypted with the table's key

  When a customer managed key is the table-level key, the table, its local and global secondary
  indexes and its stream are all encrypted with that same key. The Streams API carries no encryption
  fields of its own, so the kit observes the shared key through DynamoDB's KMS requests (every one
  made for the table names the table's key) and through the key's loss (indexes fail with the table).

  Background:
    Given a customer managed key "key A"
    And the table "orders" with a local secondary index, a global secondary index and a stream, encrypted with "key A"
    And I write 5 items to "orders"

  @EAR-IDX-001 @EAR-IDX-002
  Scenario: Indexes and the stream serve the table's items under the table's key
    Then the global secondary index of "orders" returns the 5 items
    And the local secondary index of "orders" returns the 5 items
    And the stream of "orders" holds 5 new images matching the items

  @EAR-IDX-001 @needs-kms-audit
  Scenario: Every KMS request DynamoDB makes for the table and its indexes names the table's key
    When I query both indexes of "orders" on a new connection
    Then every KMS event for the table "orders" names "key A"

  @EAR-IDX-001
  Scenario: The indexes become unreadable with the table when the key is disabled
    When "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    Then querying the global secondary index of "orders" fails
    And querying the local secondary index of "orders" fails
