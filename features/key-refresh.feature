Feature: DynamoDB caches the table key per connection and refreshes it every five minutes

  DynamoDB does not call KMS for every operation. The table key is refreshed once every 5 minutes
  per client connection with active traffic. A change to the KMS key (disabling it, for example)
  is therefore noticed on a connection only when that connection's cached table key is refreshed.

  KMS calls are counted from the CloudTrail Decrypt events that DynamoDB causes for the table.

  Background:
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    And I write 1 item to "orders"

  @EAR-REF-001 @needs-kms-audit
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

  # The refresh instant itself: one second either side of five minutes of active traffic, every Decrypt counted.
  # A cache that refreshes ahead of time (at 4 minutes 30 seconds, say) shows a second Decrypt at 4 minutes
  # 59 seconds; one that refreshes late, or never, shows none at 5 minutes 1 second.
  @EAR-REF-002 @needs-kms-audit @needs-clock-control @needs-distinct-connections
  Scenario: The table key of a busy connection is refreshed at five minutes, not before
    Given a client that uses one kept-alive connection
    And the client has read from "orders"
    When the client makes a request to "orders" every minute for 4 minutes
    And the clock moves on to 4 minutes 59 seconds after the client's first read
    And the client makes a request to "orders"
    Then CloudTrail shows exactly 1 "Decrypt" event for the table "orders" since the client started
    When the clock moves on to 5 minutes 1 second after the client's first read
    And the client makes a request to "orders"
    Then CloudTrail shows exactly 2 "Decrypt" events for the table "orders" since the client started

  # Two connections at once: each refreshes its own table key, so each side of the deadline counts both.
  @EAR-REF-002 @needs-kms-audit @needs-clock-control @needs-distinct-connections
  Scenario: Each of two busy connections refreshes its own table key at five minutes
    Given two clients that each use one kept-alive connection
    And both clients have read from "orders"
    When both clients make a request to "orders" every minute for 4 minutes
    And the clock moves on to 4 minutes 59 seconds after the clients' first read
    And both clients make a request to "orders"
    Then CloudTrail shows exactly 2 "Decrypt" events for the table "orders" since the clients started
    When the clock moves on to 5 minutes 1 second after the clients' first read
    And both clients make a request to "orders"
    Then CloudTrail shows exactly 4 "Decrypt" events for the table "orders" since the clients started

  # Refresh only with active traffic: a connection that sleeps for 20 minutes (four refresh periods) costs no
  # KMS call while it sleeps, and one when it wakes up with a stale table key.
  @EAR-REF-002 @needs-kms-audit @needs-clock-control @needs-distinct-connections
  Scenario: A connection without traffic does not refresh its table key until it is used again
    Given a client that uses one kept-alive connection
    And the client has read from "orders"
    When the clock moves on to 20 minutes after the client's first read
    Then CloudTrail shows exactly 1 "Decrypt" event for the table "orders" since the client started
    When the client makes a request to "orders"
    Then CloudTrail shows exactly 2 "Decrypt" events for the table "orders" since the client started
