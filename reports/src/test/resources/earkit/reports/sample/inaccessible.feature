Feature: Tables whose key becomes inaccessible

  @EAR-INA-001
  Scenario: Disabling the customer managed key makes the table inaccessible
    Given a customer managed key
    And a table encrypted with that key
    When the key is disabled
    Then the table status is "INACCESSIBLE"

  @EAR-INA-002 @needs-clock-control
  Scenario: A table whose key stays inaccessible for 7 days is archived
    Given a customer managed key
    And a table encrypted with that key
    When the key is disabled
    And the clock moves forward by 7 days
    Then the table status is "ARCHIVED"

  @EAR-AUD-001 @needs-kms-audit
  Scenario: DynamoDB's KMS calls appear in the audit trail
    Given a customer managed key
    And a table encrypted with that key
    Then the audit trail shows "Decrypt"
