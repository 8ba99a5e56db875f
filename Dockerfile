# The klog-tui image: the CLI built from this repository. docker-compose.yml runs it as the
# demo log producers (`klog-tui demo --allow-produce`, one service per container via
# SERVICE_NAME, brokers from KAFKA_BROKERS); `docker run -it klog-tui:local --brokers host:9092`
# runs the viewer.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY source ./source
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["demo"]
