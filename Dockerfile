# The CauNoi backend image used by docker-compose.yml (production-like stack).
FROM node:22.23-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# glibc returns large freed buffers (uploads) to the system at once instead of keeping them: 30–40 MB less
# resident at the peak of four 24 MB uploads (README, memory).
ENV MALLOC_MMAP_THRESHOLD_=131072
COPY package.json package-lock.json .npmrc ./
COPY workflows/package.json workflows/
COPY db/package.json db/
COPY seeds/package.json seeds/
COPY backend/package.json backend/
COPY backend/contract/package.json backend/contract/
COPY admin-ui/package.json admin-ui/
COPY bench/package.json bench/
# devDependencies included: the server runs TypeScript through tsx.
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY workflows workflows
COPY db db
COPY seeds seeds
COPY backend backend
USER node
EXPOSE 3000 2525
CMD ["node_modules/.bin/tsx", "--max-old-space-size=384", "--max-semi-space-size=8", "backend/src/main.ts"]
