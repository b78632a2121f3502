Feature: Key caching per connection

  @EAR-CON-001
  Scenario: Requests on a kept-alive connection share one cached table key
    Given a customer managed key
    And a table encrypted with that key
    When 20 requests are sent on one connection
    Then the number of KMS Decrypt calls is 1

  @EAR-CON-002
  Scenario: A step the suite has not written yet
    Given a customer managed key
    When the connection is dropped in a way no step knows
