package earkit.sdkcompat;

import com.amazonaws.AmazonWebServiceRequest;
import com.amazonaws.AmazonWebServiceResult;
import com.amazonaws.protocol.MarshallingInfo;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver protocol's JSON wire shapes to and from the SDK v1's request and result beans. The v1 beans name
 * their accessors after the wire members ({@code getTableName}, {@code getSS}, {@code isBOOL}), so the accessor
 * name minus its prefix is the wire name; blobs ({@code ByteBuffer}) travel as base64, dates as epoch seconds.
 * An input member no setter takes is an error, never dropped.
 */
final class BeanWireJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(new AccessorNames())
            .disable(MapperFeature.AUTO_DETECT_FIELDS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(AmazonWebServiceResult.class, WithoutSdkMetadata.class)
            .addMixIn(AmazonWebServiceRequest.class, WithoutSdkMetadata.class)
            .addModule(new SimpleModule().addSerializer(Date.class, new EpochSeconds()).addDeserializer(Date.class, new FromEpochSeconds()))
            .build();

    private BeanWireJson() {
    }

    static <T> T fromJson(JsonNode wire, Class<T> type) {
        return JSON.convertValue(wire, type);
    }

    static JsonNode toJson(Object bean) {
        try {
            // Through text, so that blobs become base64 strings as on the wire, not binary nodes.
            return JSON.readTree(JSON.writeValueAsString(bean));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + bean.getClass(), e);
        }
    }

    /** The SDK's own bookkeeping on every request and result, which is not part of the wire shape. */
    @JsonIgnoreProperties(value = {"SdkResponseMetadata", "SdkHttpMetadata", "RequestClientOptions", "RequestMetricCollector",
            "CustomRequestHeaders", "CustomQueryParameters", "GeneralProgressListener", "ReadLimit", "CloneRoot", "CloneSource",
            "SdkRequestTimeout", "SdkClientExecutionTimeout", "RequestCredentials", "RequestCredentialsProvider"}, ignoreUnknown = false)
    private abstract static class WithoutSdkMetadata {
    }

    /**
     * The accessor's name minus its prefix, unless the shape's marshaller names the member otherwise: its
     * {@code EVENTNAME_BINDING} says {@code eventName}, as DynamoDB Streams' records spell it.
     */
    private static final class AccessorNames extends PropertyNamingStrategy {
        private static final java.util.Set<String> LOWER_CAMEL_MODELS = java.util.Set.of("com.amazonaws.services.logs.model");
        private final Map<Class<?>, Map<String, String>> wireNames = new ConcurrentHashMap<>();

        @Override
        public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
            String n = method.getName();
            return n.startsWith("get") ? wireName(method, n.substring(3)) : n.startsWith("is") ? wireName(method, n.substring(2)) : defaultName;
        }

        @Override
        public String nameForSetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
            return method.getName().startsWith("set") ? wireName(method, method.getName().substring(3)) : defaultName;
        }

        private String wireName(AnnotatedMethod method, String accessorName) {
            String byDefault = LOWER_CAMEL_MODELS.contains(method.getDeclaringClass().getPackageName())
                    ? Character.toLowerCase(accessorName.charAt(0)) + accessorName.substring(1) : accessorName;
            return wireNames.computeIfAbsent(method.getDeclaringClass(), AccessorNames::marshallerNames)
                    .getOrDefault(accessorName.toUpperCase(Locale.ROOT), byDefault);
        }

        /**
         * Results have no marshaller; their members are spelt like their accessors (DynamoDB, KMS, CloudTrail:
         * {@code TableName}), except in the models whose wire names start lower-case (CloudWatch Logs: {@code logGroups}).
         */
        private static Map<String, String> marshallerNames(Class<?> shape) {
            Map<String, String> names = new HashMap<>();
            try {
                Class<?> marshaller = Class.forName(shape.getPackageName() + ".transform." + shape.getSimpleName() + "Marshaller");
                for (Field f : marshaller.getDeclaredFields()) {
                    if (f.getName().endsWith("_BINDING") && MarshallingInfo.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        names.put(f.getName().substring(0, f.getName().length() - "_BINDING".length()),
                                ((MarshallingInfo<?>) f.get(null)).marshallLocationName());
                    }
                }
            } catch (ClassNotFoundException e) {
                return Map.of();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return names;
        }
    }

    private static final class EpochSeconds extends StdSerializer<Date> {
        EpochSeconds() {
            super(Date.class);
        }

        @Override
        public void serialize(Date value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(BigDecimal.valueOf(value.getTime(), 3));
        }
    }

    private static final class FromEpochSeconds extends StdDeserializer<Date> {
        FromEpochSeconds() {
            super(Date.class);
        }

        @Override
        public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new Date(p.getDecimalValue().movePointRight(3).longValue());
        }
    }
}
