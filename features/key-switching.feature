Feature: Choosing and switching the table key with SSESpecification

  CreateTable and UpdateTable take an SSESpecification. Enabled false (or no specification) means the
  AWS owned key; Enabled true with SSEType KMS means the AWS managed key, or the customer managed key
  named by KMSMasterKeyId. Only KMS is a supported SSEType. A table can be switched between the key
  kinds at any time without downtime; DynamoDB limits each table to four switches in a 24-hour
  window, plus one more whenever there was no switch in the previous six hours. Switching to the AWS
  owned key is always allowed.

  @EAR-SSE-002
  Scenario: SSEType AES256 is not supported
    When I try to create the table "orders" with SSE type "AES256"
    Then DynamoDB refuses the request with error code "ValidationException"

  @EAR-SSE-001 @EAR-ENC-004
  Scenario Outline: A table switches from the <from> key to the <to> key and keeps its data
    Given a customer managed key "key A"
    And the table "orders" encrypted with the <from> key
    And I write 5 items to "orders"
    When I switch the table "orders" to the <to> key
    And the table "orders" finishes updating
    Then the table "orders" is encrypted with the <to> key
    And the 5 items written to "orders" read back unchanged

    Examples: Every change of key kind
      | from             | to               |
      | AWS owned        | AWS managed      |
      | AWS owned        | customer managed |
      | AWS managed      | customer managed |
      | AWS managed      | AWS owned        |
      | customer managed | AWS managed      |
      | customer managed | AWS owned        |

  @EAR-SSE-001
  Scenario: A table switches from one customer managed key to another
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I write 5 items to "orders"
    When I switch the table "orders" to "key B"
    And the table "orders" finishes updating
    Then the table "orders" reports SSE status "ENABLED", type "KMS" and the ARN of "key B"
    And the 5 items written to "orders" read back unchanged

  @EAR-SSE-003 @needs-clock-control
  Scenario Outline: The switch quota allows four key changes in 24 hours (<case>)
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    When I switch the table "orders" between "key B" and "key A" <switches> times, one hour apart
    Then the last switch is <outcome>

    Examples: Within and over the quota
      | case          | switches | outcome                                         |
      | four switches | 4        | accepted                                        |
      | five switches | 5        | refused with error code "LimitExceededException" |

  @EAR-SSE-004 @needs-clock-control
  Scenario: Switching to the AWS owned key is allowed when the quota is exhausted
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I switch the table "orders" between "key B" and "key A" 4 times, one hour apart
    When the clock moves on by 1 hour
    And I switch the table "orders" to the AWS owned key
    Then the last switch is accepted

  @EAR-SSE-003 @needs-clock-control
  Scenario Outline: The switch quota starts again in the next 24 hours (<case>)
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I switch the table "orders" between "key B" and "key A" 4 times, one hour apart
    When the clock moves on by 21 hours
    And I switch the table "orders" between "key B" and "key A" <switches> times, one hour apart
    Then the last switch is <outcome>

    # The first day's switches come 1 to 4 hours after creation, the second day's 26 to 30 hours after it:
    # whether the 24 hours are counted from creation or slide, the second day's first four switches are within
    # the quota and its fifth is over it. A quota that never starts again refuses the second day's second switch.
    Examples: The second day
      | case                       | switches | outcome                                          |
      | four switches, second day  | 4        | accepted                                         |
      | five switches, second day  | 5        | refused with error code "LimitExceededException" |

  # The same instant at which a switch between customer managed keys is refused.
  @EAR-SSE-004 @EAR-SSE-003 @needs-clock-control
  Scenario: Switching to the AWS owned key is allowed at once after the quota refused a switch
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I switch the table "orders" between "key B" and "key A" 5 times, one hour apart
    And the last switch is refused with error code "LimitExceededException"
    When I switch the table "orders" to the AWS owned key
    Then the last switch is accepted

  @EAR-SSE-005 @needs-clock-control
  Scenario Outline: A fifth switch is allowed after six quiet hours since the last switch (<when>)
    Given customer managed keys "key A" and "key B"
    And the table "orders" encrypted with "key A"
    And I switch the table "orders" between "key B" and "key A" 4 times, one hour apart
    When the clock moves on by <quiet>
    And I switch the table "orders" to "key B"
    Then the last switch is <outcome>

    # The four switches come 1, 2, 3 and 4 hours after creation: six hours after the first switch is 7 hours,
    # after the last 10 hours. The row one minute short of six quiet hours (9 hours 59 minutes) is refused by
    # the documented rule and accepted by a quota counting the quiet hours from the first switch.
    Examples: Around six hours after the last switch
      | when                           | quiet              | outcome                                          |
      | one minute short of six hours  | 5 hours 59 minutes | refused with error code "LimitExceededException" |
      | one minute past six hours      | 6 hours 1 minute   | accepted                                         |
