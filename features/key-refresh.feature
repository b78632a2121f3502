Feature: DynamoDB caches the table key per connection and refreshes it every five minutes

  DynamoDB does not call KMS for every operation. The table key is refreshed once every 5 minutes
  per client connection with active traffic. A change to the KMS key (disabling it, for example)
  is therefore noticed on a connection only when that connection's cached table key is refreshed.

  KMS calls are counted from the CloudTrail Decrypt events that DynamoDB causes for the table.

  Background:
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    And I write 1 item to "orders"

  @EAR-REF-001 @needs-kms-audit @sdk-matrix
  Scenario: Many operations on one connection cause at most one KMS call
    Given a client that uses one kept-alive connection
    When the client makes 20 requests to "orders"
    Then CloudTrail shows at most 1 "Decrypt" event for the table "orders" since the client started

  @EAR-REF-002 @needs-kms-audit @needs-clock-control @needs-distinct-connections
  Scenario: Active traffic on one connection refreshes the key about every five minutes
    Given a client that uses one kept-alive connection
    When the client makes a request to "orders" every minute for 15 minutes
    Then CloudTrail shows between 3 and 4 "Decrypt" events for the table "orders" since the client started

  @EAR-REF-003 @needs-clock-control @needs-distinct-connections
  Scenario Outline: A disabled key is noticed on a kept-alive connection only at the refresh (<when>)
    Given a client that uses one kept-alive connection
    And the client has read from "orders"
    When the clock moves on by 1 minute
    And "key A" is disabled
    And the clock moves on to <elapsed> after the client's first read
    Then a read from "orders" by the client <outcome>

    Examples: Around the 5-minute refresh deadline
      | when                     | elapsed              | outcome  |
      | before the refresh       | 4 minutes 59 seconds | succeeds |
      | after the refresh        | 5 minutes 1 second   | fails    |
