package earkit.reference.service.dynamodb.partiql;

import java.util.ArrayDeque;
import java.util.Deque;
import org.partiql.ast.AstNode;
import org.partiql.ast.expr.ExprParameter;

/** How many {@code ?} a parsed statement holds, which the request's Parameters must match. */
final class ParameterCount {
    private ParameterCount() {
    }

    static int of(AstNode root) {
        int count = 0;
        Deque<AstNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            AstNode n = todo.pop();
            if (n instanceof ExprParameter) {
                count++;
            }
            for (AstNode c : n.getChildren()) {
                if (c != null) {
                    todo.push(c);
                }
            }
        }
        return count;
    }
}
