package org.apache.iceberg.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The Apache Iceberg REST catalog server (iceberg-open-api), started the way kol-sdk needs it:
 * - bound to one address (CATALOG_REST_HOST, default 127.0.0.1) instead of every interface, and
 *   without SO_REUSEPORT, so that a second server on the same port fails instead of sharing it;
 * - logging the names of its properties only, never their values (they may hold credentials).
 * It lives in the server's package because the adapter it wraps is package-private.
 */
public final class KolRestCatalogServer {
  private KolRestCatalogServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> props = new HashMap<>(RCKUtils.environmentCatalogConfig());
    props.putIfAbsent("catalog-impl", JdbcCatalog.class.getName());
    props.putIfAbsent("jdbc.schema-version", "V1");
    String host = props.getOrDefault("rest.host", "127.0.0.1");
    int port = Integer.parseInt(props.getOrDefault("rest.port", "8181"));

    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            props.getOrDefault("catalog.name", "rest_backend"), props, new Configuration());
    RESTCatalogAdapter adapter =
        new RESTServerCatalogAdapter(new RESTCatalogServer.CatalogContext(catalog, props));

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
    context.insertHandler(new GzipHandler());

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    System.out.println(
        "Iceberg REST catalog on " + host + ":" + port + ", properties " + new TreeSet<>(props.keySet()));
    server.join();
  }
}
