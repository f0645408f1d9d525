// Reads GraphML or GEXF files with JGraphT's importers (Debian's libjgrapht-java), with
// schema validation on, as JGraphT users do; prints one summary line per file:
//   PATH nodes=N edges=M node_id=K first=NODE_ID
// where K is how many nodes carry the `node_id` attribute and NODE_ID is the smallest.
// Run from tests/test_exports.py with `java -cp JARS JGraphTRead.java FILE...`.
import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;

public class JGraphTRead {
    public static void main(String[] args) throws Exception {
        for (String path : args) {
            Graph<String, DefaultEdge> g = new DirectedPseudograph<>(
                SupplierUtil.createStringSupplier(), SupplierUtil.createDefaultEdgeSupplier(),
                false);
            Map<String, String> nodeIds = new TreeMap<>();
            if (path.endsWith(".graphml")) {
                GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
                importer.setSchemaValidation(true);
                importer.addVertexAttributeConsumer((p, a) -> keep(nodeIds, p.getFirst(),
                    p.getSecond(), a));
                importer.importGraph(g, new File(path));
            } else {
                SimpleGEXFImporter<String, DefaultEdge> importer = new SimpleGEXFImporter<>();
                importer.setSchemaValidation(true);
                importer.addVertexAttributeConsumer((p, a) -> keep(nodeIds, p.getFirst(),
                    p.getSecond(), a));
                importer.importGraph(g, new File(path));
            }
            String first = nodeIds.isEmpty() ? "-" : new TreeMap<>(invert(nodeIds)).firstKey();
            System.out.println(path + " nodes=" + g.vertexSet().size() + " edges="
                + g.edgeSet().size() + " node_id=" + nodeIds.size() + " first=" + first);
        }
    }

    private static void keep(Map<String, String> ids, String vertex, String key, Attribute a) {
        if (key.equals("node_id")) {
            ids.put(vertex, a.getValue());
        }
    }

    private static Map<String, String> invert(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(v, k));
        return out;
    }
}
