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

  # The five minutes themselves: operations spread up to one second short of them still share one Decrypt (a cache
  # that lives a shorter time, or refreshes ahead of it, shows two), and past them the refreshed table key is cached
  # again (one that stops caching after its first refresh shows a Decrypt per request).
  @EAR-REF-001 @needs-kms-audit @needs-clock-control @needs-distinct-connections
  Scenario: Operations spread over five minutes on one connection cause one KMS call, and one more after the refresh
    Given a client that uses one kept-alive connection
    And the client has read from "orders"
    When the client makes a request to "orders" every minute for 4 minutes
    And the clock moves on to 4 minutes 59 seconds after the client's first read
    And the client makes 10 requests to "orders"
    Then CloudTrail shows at most 1 "Decrypt" event for the table "orders" since the client started
    When the clock moves on to 5 minutes 1 second after the client's first read
    And the client makes 20 requests to "orders"
    Then CloudTrail shows at most 2 "Decrypt" events for the table "orders" since the client started

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

  # The kit's reading of the documents (features/README.md, "KMS trouble is not key loss"): only KMS's refusal of the
  # key (disabled, pending deletion, not found, access denied) makes a table inaccessible. Throttling, an internal
  # error or no answer in time during a refresh says nothing about the key: the connection keeps its table key, the
  # table stays ACTIVE and the seven days do not start; a real disable afterwards is still detected. "No answer"
  # holds KMS's answer for longer than a target waits for KMS (the reference waits 2 seconds at a refresh, while it
  # holds the key; 5 seconds for a call it cannot serve without). @real-time: the held answer is waited out in real time.
  @EAR-INA-002 @needs-kms-proxy @needs-clock-control @needs-distinct-connections @real-time
  Scenario Outline: KMS trouble at a refresh (<trouble>) is not the loss of the key
    Given a client that uses one kept-alive connection
    And the client has read from "orders"
    When KMS answers the next 3 requests of the target with <trouble>
    And the clock moves on to 5 minutes 1 second after the client's first read
    Then a read from "orders" by the client still succeeds despite the KMS trouble
    And the table "orders" is still accessible
    When the clock moves on by 1 hour
    Then a read from "orders" by the client still succeeds despite the KMS trouble
    And the table "orders" is still accessible
    When the KMS trouble ends
    And "key A" is disabled
    And DynamoDB detects that the key of "orders" is inaccessible
    Then the table "orders" records when the key was found inaccessible

    Examples: Kinds of KMS trouble
      | trouble                 |
      | throttling              |
      | an internal error       |
      | no answer for 7 seconds |

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
