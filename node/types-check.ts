// Type-checks the public declarations in index.d.ts against typical use (run by ./x lint).
import * as disinfo from './index'

const version: string = disinfo.version()
const info: disinfo.BuildInfo = disinfo.buildInfo()
const names: string[] = info.tools.map((tool: disinfo.ToolInfo) => tool.name)
const status: disinfo.ToolStatus = info.tools[0].status

export { version, names, status }
