package earkit.reference.service.dynamodb.partiql;

/** A PartiQL statement translated to the item call that carries it out. */
public sealed interface PartiqlStatement permits ReadStatement, WriteStatement {
    String table();
}
