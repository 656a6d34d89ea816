/** Written at build time by vite.config.ts's `versus-route-links` plugin: { area: { name: { method, path } } }. */
declare module 'virtual:versus-route-links' {
  const links: unknown;
  export default links;
}
