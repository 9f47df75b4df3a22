// The method table's HTTP routes, as the UI build embeds them (src-main/serve/http-routes-module.ts).
declare module 'virtual:archive-http-routes' {
  const routes: import('../../src-main/common/http-routes').HttpRouteTable;
  export default routes;
}
