Feature: Envelope encryption and the key hierarchy

  DynamoDB encrypts data with 256-bit AES and uses envelope encryption: the KMS key (AWS owned, AWS
  managed or customer managed) encrypts only the root of a key hierarchy, the table key, which KMS
  generates as an AES-256 data key. The table key in turn protects the keys that encrypt the data,
  so nothing in the underlying storage is readable without KMS, and KMS is not asked for a key per
  item.

  @EAR-ENC-001 @needs-storage-inspection
  Scenario Outline: Nothing is stored in plaintext under the <kind> key
    Given a customer managed key "key A"
    And the table "orders" with a local secondary index, a global secondary index and a stream, encrypted with the <kind> key
    When I write an item to "orders" holding the marker "plaintext-marker-<kind>"
    Then the stored bytes of the target do not contain the marker "plaintext-marker-<kind>"

    Examples: Every key kind
      | kind             |
      | AWS owned        |
      | AWS managed      |
      | customer managed |

  @EAR-ENC-002 @needs-kms-audit
  Scenario Outline: The table key is an AES-256 data key generated under the <kind> key
    Given a customer managed key "key A"
    When I create the table "orders" encrypted with the <kind> key
    And I write 1 item to "orders"
    Then CloudTrail shows DynamoDB generating an "AES_256" data key under the key of "orders"

    Examples: Key kinds in the customer's account
      | kind             |
      | AWS managed      |
      | customer managed |

  @EAR-ENC-003 @needs-kms-audit
  Scenario: Many items share one table key
    Given a customer managed key "key A"
    And the table "orders" encrypted with "key A"
    When I write 20 items to "orders"
    Then CloudTrail shows at most 1 "GenerateDataKey" event for the table "orders"

  @EAR-ENC-004 @sdk-matrix
  Scenario Outline: Applications read back what they wrote under the <kind> key
    Given a customer managed key "key A"
    And the table "orders" encrypted with the <kind> key
    When I write 5 items to "orders"
    Then the 5 items written to "orders" read back unchanged
    And an item holding every attribute type reads back unchanged from "orders"

    Examples: Every key kind
      | kind             |
      | AWS owned        |
      | AWS managed      |
      | customer managed |
