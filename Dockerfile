# Senseloop: a GitHub App. Build: docker build -t senseloop .
# The image runs the compiled server (npm run build, then npm run start:prod: node --max-semi-space-size=8 --import ./dist/preload.js dist/main.js) as the unprivileged `node` user.
# Run with an embedded database kept in a volume:
#   docker run -p 3000:3000 -v senseloop-data:/data --env-file .env senseloop
# or with PostgreSQL: add -e DATABASE_URL=postgres://user:password@host:5432/senseloop
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=3000 \
    SENSELOOP_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
 && mkdir -p /data && chown node:node /data
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle
COPY app.yml ./
USER node
EXPOSE 3000
VOLUME ["/data"]
# The embedded database takes some seconds to open on a small machine: not yet counted as unhealthy.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm run start:prod` runs, started directly so SIGTERM reaches Node (a graceful stop) without npm in between.
CMD ["node", "--max-semi-space-size=8", "--import", "./dist/preload.js", "dist/main.js"]
