package com.example.orders;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBHashKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBRangeKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBVersionAttribute;
import java.math.BigDecimal;
import java.util.Set;

/** An order as an application maps it with the AWS SDK for Java v1 DynamoDBMapper. */
@DynamoDBTable(tableName = "Orders")
public class Order {
    private String customerId;
    private String orderId;
    private String status;
    private BigDecimal total;
    private Set<String> tags;
    private Long version;

    @DynamoDBHashKey
    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    @DynamoDBRangeKey
    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    @DynamoDBAttribute
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDBAttribute
    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    @DynamoDBAttribute
    public Set<String> getTags() {
        return tags;
    }

    public void setTags(Set<String> tags) {
        this.tags = tags;
    }

    @DynamoDBVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    static Order of(String customer, String id, String status, String total) {
        Order o = new Order();
        o.setCustomerId(customer);
        o.setOrderId(id);
        o.setStatus(status);
        o.setTotal(new BigDecimal(total));
        return o;
    }
}
