package com.example.catalog;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A product as an application maps it with the AWS SDK for Java v2 Enhanced Client. */
@DynamoDbBean
public class Product {
    private String category;
    private String sku;
    private String name;
    private Double price;
    private Integer stock;
    private Long version;

    @DynamoDbPartitionKey
    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    @DynamoDbSortKey
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Double getPrice() {
        return price;
    }

    public void setPrice(Double price) {
        this.price = price;
    }

    public Integer getStock() {
        return stock;
    }

    public void setStock(Integer stock) {
        this.stock = stock;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    static Product of(String category, String sku, String name, double price, int stock) {
        Product p = new Product();
        p.setCategory(category);
        p.setSku(sku);
        p.setName(name);
        p.setPrice(price);
        p.setStock(stock);
        return p;
    }
}
