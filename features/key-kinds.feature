Feature: The three kinds of KMS key behind a table

  DynamoDB encrypts every table with one of three kinds of KMS key. The AWS owned key is the
  default: it is not stored in the customer's account, cannot be viewed, managed, used or audited,
  and costs nothing. The AWS managed key (alias aws/dynamodb) lives in the customer's account: it is
  created by KMS the first time a table needs it, can be viewed and audited, but cannot be managed.
  A customer managed key is created, owned and managed by the customer, who has full control over it.

  Rule: The AWS owned key is the default and stays out of the customer's account

    @EAR-OWN-001 @EAR-ENC-004
    Scenario Outline: A table without an AWS managed or customer managed key uses the AWS owned key (<how>)
      When I create the table "orders" with <how>
      Then the table "orders" is encrypted with the AWS owned key
      And an item written to "orders" reads back unchanged

      Examples: Requests that choose the AWS owned key
        | how                         |
        | no SSE specification        |
        | SSE specification disabled  |

    # @account-wide: compares the account's whole key list, so on a shared target it runs alone (--threads).
    @EAR-OWN-002 @account-wide
    Scenario: Tables on the AWS owned key add no KMS key or alias to the account
      Given I note the KMS keys and aliases of the account
      When I create the table "orders" encrypted with the AWS owned key
      And I write 3 items to "orders"
      Then the account has the same KMS keys and aliases as noted

    @EAR-OWN-003 @needs-kms-audit
    Scenario: Use of the AWS owned key is not audited in the customer's CloudTrail
      When I create the table "orders" encrypted with the AWS owned key
      And I write 3 items to "orders"
      Then CloudTrail holds no KMS event for the table "orders"

    @EAR-OWN-004 @needs-kms-meter
    Scenario: Use of the AWS owned key causes no billed KMS request
      Given I note the KMS request meter of the account
      When I create the table "orders" encrypted with the AWS owned key
      And I write 3 items to "orders"
      And I read 3 items from "orders"
      Then the KMS request meter of the account has not moved

  Rule: The AWS managed key is created on demand, visible, and not manageable

    @EAR-MAN-001 @sdk-matrix
    Scenario: Enabled encryption without a key chooses the AWS managed key
      When I create the table "orders" encrypted with the AWS managed key
      Then the table "orders" reports SSE status "ENABLED", type "KMS" and the ARN of the AWS managed key

    @EAR-MAN-002 @needs-fresh-account
    Scenario: The AWS managed key is created with the first table that needs it
      Given the account has no AWS managed key for DynamoDB
      When I create the table "orders" encrypted with the AWS managed key
      Then the alias "alias/aws/dynamodb" targets a key
      And the table "orders" reports the key that "alias/aws/dynamodb" targets

    @EAR-MAN-003
    Scenario: Later tables share the AWS managed key
      Given the table "orders" encrypted with the AWS managed key
      When I create the table "invoices" encrypted with the AWS managed key
      Then the tables "orders" and "invoices" report the same KMS key ARN

    @EAR-MAN-004
    Scenario: The AWS managed key can be viewed with its key policy
      Given the table "orders" encrypted with the AWS managed key
      When I describe the KMS key of the table "orders"
      Then the key is managed by "AWS" and is in state "Enabled"
      And the key policy of that key can be read and allows the DynamoDB service to use it

    @EAR-MAN-005
    Scenario Outline: The AWS managed key cannot be managed by the customer (<operation>)
      Given the table "orders" encrypted with the AWS managed key
      When I try to <operation> the KMS key of the table "orders"
      Then KMS refuses the request
      And the key of the table "orders" is still enabled and managed by "AWS"

      Examples: Management operations
        | operation           |
        | disable             |
        | schedule deletion of |
        | replace the policy of |
        | disable rotation of |
        | tag                 |

  Rule: A customer managed key is fully under the customer's control

    @EAR-CMK-001
    Scenario Outline: A customer managed key can be named by its <form>
      Given a customer managed key "key A" with the alias "alias/orders-key"
      When I create the table "orders" encrypted with "key A" named by its <form>
      Then the table "orders" reports SSE status "ENABLED", type "KMS" and the ARN of "key A"
      And an item written to "orders" reads back unchanged

      Examples: Identifier forms
        | form       |
        | key ID     |
        | key ARN    |
        | alias name |
        | alias ARN  |

    @EAR-CMK-002
    Scenario: The customer keeps full control over a key that a table uses
      Given a customer managed key "key A"
      And the table "orders" encrypted with "key A"
      Then "key A" is managed by "CUSTOMER"
      And I can put a new key policy on "key A"
      And I can create a grant on "key A"
      And I can tag "key A"
      And I can create the alias "alias/orders-control" for "key A"
      And I can enable automatic rotation of "key A" every 180 days
      And I can disable and re-enable "key A"
      And I can schedule "key A" for deletion and cancel the deletion

    @EAR-CMK-003
    Scenario: A table cannot be created under a key that does not exist
      When I try to create the table "orders" encrypted with a customer managed key that does not exist
      Then DynamoDB refuses the request with HTTP status 400
      And the table "orders" does not exist
