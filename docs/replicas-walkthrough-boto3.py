"""Global table replicas with boto3 against `./kit serve --port 4566 --clock-start 2026-01-01T00:00:00Z` (see replicas-walkthrough.md)."""
import json
import urllib.request

import boto3

ENDPOINT = "http://127.0.0.1:4566"
CREDS = dict(aws_access_key_id="test", aws_secret_access_key="test")


def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT, **CREDS)


def advance(by):
    req = urllib.request.Request(ENDPOINT + "/_kit/clock/advance", data=json.dumps({"by": by}).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    return json.load(urllib.request.urlopen(req))["now"]


us, eu = client("dynamodb", "us-east-1"), client("dynamodb", "eu-west-1")
us_key = client("kms", "us-east-1").create_key()["KeyMetadata"]["Arn"]
eu_kms = client("kms", "eu-west-1")
eu_key = eu_kms.create_key()["KeyMetadata"]["Arn"]

us.create_table(TableName="Carts", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": us_key})
us.get_waiter("table_exists").wait(TableName="Carts")
us.put_item(TableName="Carts", Item={"pk": {"S": "cart-1"}, "items": {"N": "3"}})

answer = us.update_table(TableName="Carts",
                         ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1", "KMSMasterKeyId": eu_key}}])
print("replicas:", [(r["RegionName"], r["ReplicaStatus"]) for r in answer["TableDescription"]["Replicas"]])
eu.get_waiter("table_exists").wait(TableName="Carts")
table = eu.describe_table(TableName="Carts")["Table"]
print("eu-west-1:", table["TableStatus"], table["GlobalTableVersion"], table["SSEDescription"]["KMSMasterKeyArn"] == eu_key)
print("copied:", eu.get_item(TableName="Carts", Key={"pk": {"S": "cart-1"}})["Item"])

eu.put_item(TableName="Carts", Item={"pk": {"S": "cart-2"}, "items": {"N": "1"}})
print("replicated to us-east-1:", us.get_item(TableName="Carts", Key={"pk": {"S": "cart-2"}})["Item"])

eu_kms.disable_key(KeyId=eu_key)
print("clock:", advance("PT1H"))
replica = us.describe_table(TableName="Carts")["Table"]["Replicas"][0]
print("replica:", replica["ReplicaStatus"], replica["ReplicaInaccessibleDateTime"])
print("clock:", advance("PT20H1M"))
print("us-east-1 replicas after 20 h:", us.describe_table(TableName="Carts")["Table"].get("Replicas", []))
print("eu-west-1 table kept:", eu.describe_table(TableName="Carts")["Table"]["TableStatus"])
