"""An application's test suite written against DynamoDB with boto3: transactions (a cancellation whose reasons
it inspects), PartiQL with paging, Time to Live. Only the endpoint (DYNAMODB_ENDPOINT, default
http://localhost:8000) and the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, default test/test) say
where it runs; TTL_WAIT_SECONDS (default 30) is how long it lets DynamoDB take to delete an expired item.

    python3 -m unittest discover -s docs/samples/python -v
"""
import os
import time
import unittest
import uuid

import boto3
from botocore.exceptions import ClientError


def client():
    return boto3.client(
        "dynamodb",
        endpoint_url=os.environ.get("DYNAMODB_ENDPOINT", "http://localhost:8000"),
        region_name="us-east-1",
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "test"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
    )


class ShopTest(unittest.TestCase):
    """Accounts and orders in one table keyed by pk (partition) and sk (sort)."""

    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.table = "Shop-" + uuid.uuid4().hex[:8]
        cls.ddb.create_table(
            TableName=cls.table,
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}])
        cls.ddb.get_waiter("table_exists").wait(TableName=cls.table, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

    @classmethod
    def tearDownClass(cls):
        cls.ddb.delete_table(TableName=cls.table)

    def get(self, pk, sk):
        return self.ddb.get_item(TableName=self.table, Key={"pk": {"S": pk}, "sk": {"S": sk}},
                                 ConsistentRead=True).get("Item")

    def balance(self, account):
        return int(self.get(account, "balance")["amount"]["N"])

    def put_balance(self, account, amount):
        self.ddb.put_item(TableName=self.table,
                          Item={"pk": {"S": account}, "sk": {"S": "balance"}, "amount": {"N": str(amount)}})

    def transfer(self, source, target, amount, order_id):
        """Debits, credits and records the order in one transaction; the order id makes a retry harmless."""
        self.ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": self.table, "Key": {"pk": {"S": source}, "sk": {"S": "balance"}},
                        "UpdateExpression": "SET amount = amount - :a", "ConditionExpression": "amount >= :a",
                        "ExpressionAttributeValues": {":a": {"N": str(amount)}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Update": {"TableName": self.table, "Key": {"pk": {"S": target}, "sk": {"S": "balance"}},
                        "UpdateExpression": "SET amount = amount + :a",
                        "ExpressionAttributeValues": {":a": {"N": str(amount)}}}},
            {"Put": {"TableName": self.table,
                     "Item": {"pk": {"S": source}, "sk": {"S": "order#" + order_id}, "amount": {"N": str(amount)}},
                     "ConditionExpression": "attribute_not_exists(pk)"}},
        ])

    def test_transfer_is_all_or_nothing(self):
        self.put_balance("alice", 100)
        self.put_balance("bob", 5)
        self.transfer("alice", "bob", 30, "o-1")
        self.assertEqual((70, 35), (self.balance("alice"), self.balance("bob")))

        got = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": self.table, "Key": {"pk": {"S": "alice"}, "sk": {"S": "order#o-1"}}}},
            {"Get": {"TableName": self.table, "Key": {"pk": {"S": "bob"}, "sk": {"S": "balance"}}}},
        ])["Responses"]
        self.assertEqual("30", got[0]["Item"]["amount"]["N"])
        self.assertEqual("35", got[1]["Item"]["amount"]["N"])

        # Too little money and a reused order id: both are reported, in the order of the actions, and the credit
        # between them is not applied.
        with self.assertRaises(ClientError) as caught:
            self.transfer("alice", "bob", 500, "o-1")
        error = caught.exception.response
        self.assertEqual("TransactionCanceledException", error["Error"]["Code"])
        self.assertEqual(400, error["ResponseMetadata"]["HTTPStatusCode"])
        reasons = error["CancellationReasons"]
        self.assertEqual(["ConditionalCheckFailed", "None", "ConditionalCheckFailed"], [r["Code"] for r in reasons])
        self.assertEqual("70", reasons[0]["Item"]["amount"]["N"])
        self.assertEqual((70, 35), (self.balance("alice"), self.balance("bob")))

    def test_partiql_with_parameters_and_paging(self):
        for n in range(1, 8):
            self.ddb.execute_statement(
                Statement=f'INSERT INTO "{self.table}" VALUE {{\'pk\': ?, \'sk\': ?, \'qty\': ?}}',
                Parameters=[{"S": "carol"}, {"S": f"order#{n:02d}"}, {"N": str(n)}])
        with self.assertRaises(ClientError) as caught:
            self.ddb.execute_statement(
                Statement=f'INSERT INTO "{self.table}" VALUE {{\'pk\': ?, \'sk\': ?}}',
                Parameters=[{"S": "carol"}, {"S": "order#01"}])
        self.assertEqual("DuplicateItemException", caught.exception.response["Error"]["Code"])

        orders, pages, token = [], 0, None
        while True:
            request = {"Statement": f'SELECT sk, qty FROM "{self.table}" WHERE pk = ? AND begins_with(sk, ?)',
                       "Parameters": [{"S": "carol"}, {"S": "order#"}], "Limit": 3}
            if token:
                request["NextToken"] = token
            page = self.ddb.execute_statement(**request)
            self.assertLessEqual(len(page["Items"]), 3)
            orders += [(item["sk"]["S"], int(item["qty"]["N"])) for item in page["Items"]]
            pages += 1
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual([(f"order#{n:02d}", n) for n in range(1, 8)], orders)
        self.assertGreaterEqual(pages, 3)

        answers = self.ddb.batch_execute_statement(Statements=[
            {"Statement": f'UPDATE "{self.table}" SET qty = qty + ? WHERE pk = ? AND sk = ?',
             "Parameters": [{"N": "10"}, {"S": "carol"}, {"S": "order#01"}]},
            {"Statement": f'UPDATE "{self.table}" SET qty = qty + ? WHERE pk = ? AND sk = ?',
             "Parameters": [{"N": "10"}, {"S": "carol"}, {"S": "order#99"}]},
        ])["Responses"]
        self.assertNotIn("Error", answers[0])
        self.assertEqual("ConditionalCheckFailed", answers[1]["Error"]["Code"])
        self.assertEqual("11", self.get("carol", "order#01")["qty"]["N"])
        self.assertIsNone(self.get("carol", "order#99"))

        statement = f'UPDATE "{self.table}" SET qty = qty - ? WHERE pk = ? AND sk = ? AND qty >= ?'
        self.ddb.execute_transaction(TransactStatements=[
            {"Statement": statement, "Parameters": [{"N": "2"}, {"S": "carol"}, {"S": "order#02"}, {"N": "2"}]},
            {"Statement": statement, "Parameters": [{"N": "3"}, {"S": "carol"}, {"S": "order#03"}, {"N": "3"}]},
        ])
        with self.assertRaises(ClientError) as caught:
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": statement, "Parameters": [{"N": "1"}, {"S": "carol"}, {"S": "order#04"}, {"N": "1"}]},
                {"Statement": statement, "Parameters": [{"N": "9"}, {"S": "carol"}, {"S": "order#05"}, {"N": "9"}]},
            ])
        self.assertEqual(["None", "ConditionalCheckFailed"],
                         [r["Code"] for r in caught.exception.response["CancellationReasons"]])
        self.assertEqual([0, 0, 4, 5], [int(self.get("carol", f"order#0{n}")["qty"]["N"]) for n in (2, 3, 4, 5)])

    def test_expired_sessions_are_deleted_by_dynamodb(self):
        self.ddb.update_time_to_live(TableName=self.table,
                                     TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
        ttl = self.ddb.describe_time_to_live(TableName=self.table)["TimeToLiveDescription"]
        self.assertEqual({"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}, ttl)

        now = int(time.time())
        for sk, expires in (("session#old", now - 60), ("session#new", now + 3600)):
            self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "dave"}, "sk": {"S": sk},
                                                           "expires": {"N": str(expires)}})
        # Until DynamoDB gets round to deleting it, the application hides an expired session itself.
        live = self.ddb.query(TableName=self.table, ConsistentRead=True,
                              KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                              FilterExpression="expires > :now",
                              ExpressionAttributeValues={":p": {"S": "dave"}, ":s": {"S": "session#"},
                                                         ":now": {"N": str(int(time.time()))}})["Items"]
        self.assertEqual(["session#new"], [item["sk"]["S"] for item in live])

        deadline = time.monotonic() + float(os.environ.get("TTL_WAIT_SECONDS", "30"))
        while self.get("dave", "session#old") is not None:
            self.assertLess(time.monotonic(), deadline, "the expired session was not deleted in time")
            time.sleep(0.1)
        self.assertEqual(str(now + 3600), self.get("dave", "session#new")["expires"]["N"])


if __name__ == "__main__":
    unittest.main()
