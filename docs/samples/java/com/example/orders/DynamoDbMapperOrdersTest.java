package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBQueryExpression;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBScanExpression;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.ComparisonOperator;
import com.amazonaws.services.dynamodbv2.model.Condition;
import com.amazonaws.services.dynamodbv2.model.ConditionalCheckFailedException;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.ProvisionedThroughput;
import com.amazonaws.services.dynamodbv2.util.TableUtils;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application's test suite written against DynamoDB with the AWS SDK for Java v1 DynamoDBMapper: versioned
 * saves (UpdateItem with AttributeUpdates and Expected), queries (KeyConditions, QueryFilter) and scans
 * (ScanFilter). Only the endpoint and the credentials say where it runs.
 */
class DynamoDbMapperOrdersTest {
    private static AmazonDynamoDB client;
    private static DynamoDBMapper mapper;

    @BeforeAll
    static void connect() throws InterruptedException {
        client = AmazonDynamoDBClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(System.getProperty("dynamodb.endpoint", "http://localhost:8000"), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
        mapper = new DynamoDBMapper(client);
        CreateTableRequest create = mapper.generateCreateTableRequest(Order.class)
                .withProvisionedThroughput(new ProvisionedThroughput(5L, 5L));
        TableUtils.createTableIfNotExists(client, create);
        TableUtils.waitUntilActive(client, "Orders");
    }

    @AfterAll
    static void disconnect() {
        client.deleteTable("Orders");
        client.shutdown();
    }

    @Test
    void versionedSavesRefuseAStaleCopy() {
        Order order = Order.of("alice", "o-1", "NEW", "19.90");
        mapper.save(order);
        assertEquals(1L, order.getVersion());
        Order stale = mapper.load(Order.class, "alice", "o-1");
        order.setStatus("PAID");
        mapper.save(order);
        assertEquals(2L, order.getVersion());

        stale.setStatus("CANCELLED");
        assertThrows(ConditionalCheckFailedException.class, () -> mapper.save(stale));

        Order loaded = mapper.load(Order.class, "alice", "o-1");
        assertEquals("PAID", loaded.getStatus());
        assertEquals(new BigDecimal("19.9"), loaded.getTotal(), "DynamoDB keeps numbers without trailing zeros");
        assertEquals(2L, loaded.getVersion());

        Order duplicate = Order.of("alice", "o-1", "NEW", "1");
        assertThrows(ConditionalCheckFailedException.class, () -> mapper.save(duplicate), "a new object may not overwrite a versioned item");

        assertThrows(ConditionalCheckFailedException.class, () -> mapper.delete(stale));
        mapper.delete(loaded);
        assertNull(mapper.load(Order.class, "alice", "o-1"));
    }

    @Test
    void queriesWithRangeConditionsAndFilters() {
        mapper.batchSave(List.of(Order.of("bob", "2024-01", "PAID", "10"), Order.of("bob", "2024-02", "NEW", "25"),
                Order.of("bob", "2024-03", "PAID", "40"), Order.of("bob", "2025-01", "PAID", "5"),
                Order.of("carol", "2024-01", "PAID", "99")));
        Order bob = new Order();
        bob.setCustomerId("bob");
        DynamoDBQueryExpression<Order> in2024 = new DynamoDBQueryExpression<Order>().withHashKeyValues(bob)
                .withRangeKeyCondition("orderId", new Condition().withComparisonOperator(ComparisonOperator.BEGINS_WITH)
                        .withAttributeValueList(new AttributeValue("2024-")))
                .withQueryFilterEntry("status", new Condition().withComparisonOperator(ComparisonOperator.EQ)
                        .withAttributeValueList(new AttributeValue("PAID")));
        List<String> ids = mapper.query(Order.class, in2024).stream().map(Order::getOrderId).collect(Collectors.toList());
        assertEquals(List.of("2024-01", "2024-03"), ids);

        DynamoDBQueryExpression<Order> newestFirst = new DynamoDBQueryExpression<Order>().withHashKeyValues(bob)
                .withScanIndexForward(false).withLimit(2);
        assertEquals("2025-01", mapper.queryPage(Order.class, newestFirst).getResults().get(0).getOrderId());
        assertEquals(4, mapper.count(Order.class, new DynamoDBQueryExpression<Order>().withHashKeyValues(bob)));
    }

    @Test
    void scansWithFilters() {
        mapper.batchSave(List.of(Order.of("dave", "1", "PAID", "150"), Order.of("dave", "2", "NEW", "250"),
                Order.of("erin", "1", "PAID", "350")));
        DynamoDBScanExpression bigPaid = new DynamoDBScanExpression()
                .withFilterConditionEntry("total", new Condition().withComparisonOperator(ComparisonOperator.GE)
                        .withAttributeValueList(new AttributeValue().withN("100")))
                .withFilterConditionEntry("status", new Condition().withComparisonOperator(ComparisonOperator.EQ)
                        .withAttributeValueList(new AttributeValue("PAID")));
        Set<String> found = mapper.scan(Order.class, bigPaid).stream()
                .map(o -> o.getCustomerId() + "/" + o.getOrderId()).collect(Collectors.toSet());
        assertEquals(Set.of("dave/1", "erin/1"), found);

        Order tagged = Order.of("frank", "1", "NEW", "1");
        tagged.setTags(Set.of("gift", "express"));
        mapper.save(tagged);
        DynamoDBScanExpression gifts = new DynamoDBScanExpression().withFilterConditionEntry("tags",
                new Condition().withComparisonOperator(ComparisonOperator.CONTAINS).withAttributeValueList(new AttributeValue("gift")));
        assertEquals(List.of("frank"), mapper.scan(Order.class, gifts).stream().map(Order::getCustomerId).collect(Collectors.toList()));
    }
}
