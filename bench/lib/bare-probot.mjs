// The alternative a user would pick: a bare Probot 14 app with a no-op handler, served by
// Probot's own Node middleware. Run with plain node, like Senseloop's compiled build.
import { createServer } from "node:http";
import { createNodeMiddleware, Probot } from "probot";

const probot = new Probot({ appId: Number(process.env.APP_ID), privateKey: process.env.PRIVATE_KEY, secret: process.env.WEBHOOK_SECRET, logLevel: "warn" });
const middleware = await createNodeMiddleware(
  (app) => {
    app.onAny(async () => {});
  },
  { probot },
);
const server = createServer((req, res) => {
  void middleware(req, res, () => {
    res.writeHead(404).end();
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
