Feature: Auditing the requests DynamoDB sends to KMS

  Customers can use CloudTrail, or CloudWatch Logs where a trail delivers to a log group, to track the requests
  DynamoDB sends to KMS on their behalf for tables encrypted with the AWS managed key or a customer managed key.
  Each event names the key, shows that DynamoDB made the call (invokedBy dynamodb.amazonaws.com) and carries the
  encryption context aws:dynamodb:tableName and aws:dynamodb:subscriberId in plaintext. A target that offers both
  channels must show the same events in each. Every such event is checked, of every kind
  DynamoDB sends (GenerateDataKey, Decrypt, Encrypt, ReEncrypt, CreateGrant, DescribeKey, RetireGrant): all the
  events on a customer managed key the scenario made, and the events whose encryption context names the table on the
  AWS managed key, which other tables of the account share. For a customer managed key
  DynamoDB also holds a grant, constrained to that encryption context, that the customer can see.

  @EAR-AUD-001 @EAR-AUD-002 @needs-kms-audit @needs-distinct-connections @sdk-matrix
  Scenario Outline: DynamoDB's KMS requests for a table on the <kind> key are in CloudTrail
    Given a customer managed key "key A"
    When I create the table "orders" encrypted with the <kind> key
    And I write 1 item to "orders"
    And I read 1 item from "orders" on a new connection
    Then CloudTrail shows "GenerateDataKey" and "Decrypt" events for the table "orders"
    And every KMS event DynamoDB caused for "orders" in CloudTrail names its key, was invoked by "dynamodb.amazonaws.com" and carries the encryption context of "orders" where the operation takes one

    Examples: Key kinds in the customer's account
      | kind             |
      | AWS managed      |
      | customer managed |

  @EAR-AUD-001 @EAR-AUD-002 @needs-cloudwatch-logs @needs-distinct-connections @sdk-matrix
  Scenario Outline: DynamoDB's KMS requests for a table on the <kind> key reach the trail's CloudWatch Logs log group
    Given a customer managed key "key A"
    When I create the table "orders" encrypted with the <kind> key
    And I write 1 item to "orders"
    And I read 1 item from "orders" on a new connection
    Then CloudWatch Logs shows "GenerateDataKey" and "Decrypt" events for the table "orders"
    And every KMS event DynamoDB caused for "orders" in CloudWatch Logs names its key, was invoked by "dynamodb.amazonaws.com" and carries the encryption context of "orders" where the operation takes one

    Examples: Key kinds in the customer's account
      | kind             |
      | AWS managed      |
      | customer managed |

  @EAR-AUD-003
  Scenario: DynamoDB holds a grant on the customer managed key of a table
    Given a customer managed key "key A"
    When I create the table "orders" encrypted with "key A"
    Then "key A" has a grant for the DynamoDB service principal constrained to the encryption context of "orders"
