@needs-clock-control
Feature: Rotation of AWS managed keys
  A small stand-in for the suite's own features: the report tests run Cucumber on it.

  @EAR-ROT-001
  Scenario Outline: An AWS managed key rotates <period> days after <event>
    Given an AWS managed key whose last event was "<event>"
    When the clock moves forward by <period> days
    Then the rotation count is "1"

    Examples:
      | event          | period |
      | its creation   | 365    |
      | its rotation   | 365    |

  @EAR-ROT-002
  Scenario: On-demand rotation adds key material at once
    Given a customer managed key
    When the key is rotated on demand
    Then the rotation count is "1"
