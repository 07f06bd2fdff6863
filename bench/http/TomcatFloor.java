import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The least a request costs on this machine through the Tomcat the service runs on: one servlet
 * that reads the whole body and answers a fixed JSON of ten probabilities, with no framework,
 * no security, no parsing. bench/http.sh sends it the same requests as the service, on one
 * connection, to put the service's latencies beside it. Run from source:
 * {@code java -cp tomcat-embed-core.jar:jakarta.annotation-api.jar TomcatFloor.java <port> <work dir>}.
 */
public class TomcatFloor {

    private static final byte[] ANSWER = ("{\"predictions\":[{\"class\":\"3\",\"probabilities\":{\"0\":0.1,"
            + "\"1\":0.1,\"2\":0.1,\"3\":0.1,\"4\":0.1,\"5\":0.1,\"6\":0.1,\"7\":0.1,\"8\":0.1,\"9\":0.1}}]}")
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.setBaseDir(Files.createDirectories(Path.of(args[1])).toString());
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "floor", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                byte[] buffer = new byte[16384];
                InputStream body = request.getInputStream();
                while (body.read(buffer) > 0) {
                    // read to the end, as the service does
                }
                response.setContentType("application/json");
                response.setContentLength(ANSWER.length);
                response.getOutputStream().write(ANSWER);
            }
        });
        context.addServletMappingDecoded("/*", "floor");
        tomcat.start();
        tomcat.getServer().await();
    }
}
