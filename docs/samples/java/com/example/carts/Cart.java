package com.example.carts;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** A shopping cart that the application lets DynamoDB delete once {@code expiresAt} (epoch seconds) has passed. */
@DynamoDbBean
public class Cart {
    private String id;
    private String owner;
    private Long expiresAt;

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    static Cart of(String id, String owner, Long expiresAt) {
        Cart c = new Cart();
        c.setId(id);
        c.setOwner(owner);
        c.setExpiresAt(expiresAt);
        return c;
    }
}
