Feature: Reusing connections avoids KMS latency and cost

  Clients should configure their SDK to reuse connections. Otherwise DynamoDB has to establish a new
  KMS cache entry for each operation, which adds the latency of a KMS call to every request and
  raises KMS and CloudTrail costs. The kit compares one client that keeps its connection alive with
  one that opens a new connection for every request.

  The latency scenario puts a proxy between the target and its KMS that delays every KMS request;
  the target must be able to send its KMS requests through a proxy the kit provides.

  Background:
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    And I write 1 item to "orders"

  @EAR-CON-001 @needs-kms-audit @needs-distinct-connections @sdk-matrix
  Scenario Outline: KMS and audit cost with <mode>
    Given a client that uses <mode>
    When the client makes 5 requests to "orders"
    Then CloudTrail shows <events> "Decrypt" events for the table "orders" since the client started

    Examples: Connection handling
      | mode                              | events     |
      | one kept-alive connection         | at most 1  |
      | a new connection for each request | at least 5 |

  @EAR-CON-002 @needs-kms-proxy @needs-distinct-connections @real-time
  Scenario: New connections pay the KMS latency, a kept-alive connection does not
    Given KMS answers the target 500 milliseconds late
    And a client that uses one kept-alive connection
    And the client has read from "orders"
    When the client makes 3 requests to "orders"
    Then each of those requests took less than 500 milliseconds
    Given a client that uses a new connection for each request
    When the client makes 3 requests to "orders"
    Then each of those requests took at least 500 milliseconds
    And the KMS proxy saw at least 3 "Decrypt" requests
