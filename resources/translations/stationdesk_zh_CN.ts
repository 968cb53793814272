<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AuditAction</name>
    <message>
      <source>Added</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>修改</translation>
    </message>
    <message>
      <source>Saved despite warning</source>
      <translation>校验未通过，按原因保存</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>删除</translation>
    </message>
  </context>
  <context>
    <name>Cli</name>
    <message>
      <source>--operators must be at least 1.</source>
      <translation>--operators 至少为 1。</translation>
    </message>
    <message>
      <source>The data directory {path} holds inspection records, which are legal records: the demo will not replace them. Nothing was changed. Use another data directory (--data-dir) for the demo.</source>
      <translation>数据目录 {path} 中有检查记录，属于执法记录，演示数据不会替换它们。未做任何更改。请为演示另选一个数据目录（--data-dir）。</translation>
    </message>
    <message>
      <source>The data directory {path} already holds the station {name}. Replace it with demo data? [y/N] </source>
      <translation>数据目录 {path} 中已有“{name}”的数据。要用演示数据替换吗？（原数据会先备份）[y/N] </translation>
    </message>
    <message>
      <source>Nothing was changed.</source>
      <translation>未做任何更改。</translation>
    </message>
    <message>
      <source>The previous data was backed up to {path}.</source>
      <translation>原有数据已备份到 {path}。</translation>
    </message>
    <message>
      <source>Demo station created in {path} with {count} operators.</source>
      <translation>已在 {path} 创建演示所，共 {count} 户经营主体。</translation>
    </message>
    <message>
      <source>There is no station database in {path}. Create one with: python -m app demo</source>
      <translation>{path} 中还没有本所数据库。可以先运行：python -m app demo 创建演示所。</translation>
    </message>
    <message>
      <source>the finalized record was changed after it was sealed</source>
      <translation>该记录定稿封存后被改动过</translation>
    </message>
    <message>
      <source>the stored link does not match the record</source>
      <translation>保存的链值与记录内容不符</translation>
    </message>
    <message>
      <source>the link does not follow the previous one (a link was removed)</source>
      <translation>与上一链不衔接（有链节被删除）</translation>
    </message>
    <message>
      <source>the sealed record is missing</source>
      <translation>已封存的记录不见了</translation>
    </message>
    <message>
      <source>the record is marked finalized but was never sealed</source>
      <translation>记录标为已定稿，但从未封存入链</translation>
    </message>
    <message>
      <source>missing</source>
      <translation>缺失</translation>
    </message>
    <message>
      <source>damaged (its bytes no longer match SHA-256/SM3)</source>
      <translation>已损坏（内容与 SHA-256/SM3 校验值不符）</translation>
    </message>
    <message>
      <source>Hash chain broken at link {seq}, record {id}: {reason}.</source>
      <translation>哈希链在第 {seq} 链断开，记录 {id}：{reason}。</translation>
    </message>
    <message>
      <source>Hash chain intact: {count} finalized records checked.</source>
      <translation>哈希链完整：已核验 {count} 份定稿记录。</translation>
    </message>
    <message>
      <source>Evidence file {sha256} of record {id} is {state}.</source>
      <translation>记录 {id} 的证据文件 {sha256} {state}。</translation>
    </message>
    <message>
      <source>Evidence files intact: {count} checked against SHA-256 and SM3.</source>
      <translation>证据文件完整：已按 SHA-256 和 SM3 核验 {count} 个。</translation>
    </message>
    <message>
      <source>There is no task with the number or id {task}.</source>
      <translation>没有编号或标识为 {task} 的抽查任务。</translation>
    </message>
    <message>
      <source>The draw of task {number} matches: recomputed from its seed and pools, same result.</source>
      <translation>任务 {number} 的抽取结果一致：按保存的种子和名录库重新计算，结果相同。</translation>
    </message>
    <message>
      <source>The draw of task {number} does NOT match:</source>
      <translation>任务 {number} 的抽取结果不一致：</translation>
    </message>
    <message>
      <source>Note: the register has changed since the draw ({added} candidates added, {removed} removed); the draw is checked against the pool stored with it.</source>
      <translation>提示：抽取后台账已有变化（新增 {added} 户、减少 {removed} 户）；核验依据的是抽取时保存的名录库。</translation>
    </message>
  </context>
  <context>
    <name>DeleteOperatorDialog</name>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Delete “{name}” from the register? The record is kept in the change history and can still be shown with “Show deleted”.</source>
      <translation>确定从台账中删除“{name}”吗？删除后记录仍保留在变更记录中，勾选“显示已删除”仍可查看。</translation>
    </message>
    <message>
      <source>For example: business closed, entered twice</source>
      <translation>例如：已歇业、重复录入</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reason for deletion (required):</source>
      <translation>删除原因（必填）：</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Cannot unlock the database</source>
      <translation>无法解锁数据库</translation>
    </message>
    <message>
      <source>The database {path} is encrypted with a different key. Nothing was changed. Start StationDesk under the Windows account that created the data, or restore the key; if you use a key file or passphrase, check that it is the right one.</source>
      <translation>数据库 {path} 是用另一把密钥加密的，未做任何更改。请用创建这些数据的 Windows 账户启动本软件，或恢复密钥；如果使用的是密钥文件或口令，请确认是否正确。</translation>
    </message>
    <message>
      <source>The database key is missing</source>
      <translation>找不到数据库密钥</translation>
    </message>
    <message>
      <source>The key of the database {path} is not in this computer's credential store. Nothing was changed. Log in with the account that created the data, or ask your administrator to restore the key.</source>
      <translation>本机的系统凭据库中没有数据库 {path} 的密钥，未做任何更改。请用创建这些数据的账户登录，或请管理员恢复密钥。</translation>
    </message>
    <message>
      <source>Not a StationDesk database</source>
      <translation>不是本软件的数据库</translation>
    </message>
    <message>
      <source>The file {path} is not a StationDesk database, or it is damaged. It was not changed. Choose another data folder, or restore the latest backup from the backups folder.</source>
      <translation>文件 {path} 不是本软件的数据库，或已损坏，文件未被改动。请选择其他数据文件夹，或从 backups 文件夹恢复最近的备份。</translation>
    </message>
    <message>
      <source>The database is in use</source>
      <translation>数据库正在使用中</translation>
    </message>
    <message>
      <source>Another StationDesk window is using {path}. Close the other window and try again.</source>
      <translation>另一个窗口正在使用 {path}。请关闭那个窗口后重试。</translation>
    </message>
    <message>
      <source>The database is from a newer version</source>
      <translation>数据库来自更新的版本</translation>
    </message>
    <message>
      <source>The database {path} was written by a newer StationDesk. To protect it, this version will not open it. Install the newest StationDesk.</source>
      <translation>数据库 {path} 是由更新版本的软件写入的。为保护数据，本版本不会打开它。请安装最新版本。</translation>
    </message>
    <message>
      <source>The database upgrade failed</source>
      <translation>数据库升级失败</translation>
    </message>
    <message>
      <source>Upgrading {path} failed and was rolled back. A backup was taken first: {detail}. Send the log to support; your data is safe.</source>
      <translation>升级 {path} 失败，已全部撤回。升级前已备份：{detail}。请把日志发给技术支持；您的数据是安全的。</translation>
    </message>
    <message>
      <source>The data folder cannot be used</source>
      <translation>无法使用数据文件夹</translation>
    </message>
    <message>
      <source>StationDesk cannot write to the data folder {path}. Choose a folder you may write to (for example in your Documents), or ask your administrator for write permission.</source>
      <translation>无法写入数据文件夹 {path}。请选择一个有写入权限的文件夹（例如“文档”中的文件夹），或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The database cannot be written</source>
      <translation>数据库无法写入</translation>
    </message>
    <message>
      <source>StationDesk cannot write to {path} (the file or its folder is read-only). The last change was not saved; everything saved before it is safe. Copy the data folder to a place you may write to, or ask your administrator for write permission.</source>
      <translation>无法写入 {path}（文件或文件夹是只读的）。最后一次修改没有保存，此前保存的内容都完好。请把数据文件夹复制到有写入权限的位置，或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>The disk holding {path} is full. The last change was not saved; everything saved before it is safe. Free some disk space and try again.</source>
      <translation>{path} 所在的磁盘已满。最后一次修改没有保存，此前保存的内容都完好。请清理磁盘空间后重试。</translation>
    </message>
    <message>
      <source>No credential store</source>
      <translation>没有系统凭据库</translation>
    </message>
    <message>
      <source>This computer has no system credential store to keep the database key in. Start StationDesk with a key file (--key-file), or set a passphrase; see the README.</source>
      <translation>本机没有可保存数据库密钥的系统凭据库。请使用密钥文件（--key-file）启动，或设置口令；详见 README。</translation>
    </message>
    <message>
      <source>Database error</source>
      <translation>数据库错误</translation>
    </message>
  </context>
  <context>
    <name>Inspections</name>
    <message>
      <source>The stored candidate pool does not match its SHA-256.</source>
      <translation>保存的检查对象名录库与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored officer pool does not match its SHA-256.</source>
      <translation>保存的执法人员名录库与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored conflicts of interest do not match their SHA-256.</source>
      <translation>保存的回避关系与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored result does not match its SHA-256.</source>
      <translation>保存的抽取结果与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>Recomputing the draw from its seed and pools gives a different result than the one stored.</source>
      <translation>按保存的种子和名录库重新计算，结果与保存的抽取结果不同。</translation>
    </message>
    <message>
      <source>The task's list of drawn operators and officers differs from the stored result.</source>
      <translation>任务中的抽中对象及检查人员与保存的抽取结果不一致。</translation>
    </message>
    <message>
      <source>The draw was made with an algorithm this version does not know.</source>
      <translation>本次抽取使用的算法本版本无法识别。</translation>
    </message>
    <message>
      <source>The task has not been drawn yet.</source>
      <translation>该任务尚未抽取。</translation>
    </message>
    <message>
      <source>Conforms / does not conform / not applicable</source>
      <translation>符合 / 不符合 / 不适用</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>数字</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Random inspection</source>
      <translation>双随机抽查</translation>
    </message>
    <message>
      <source>Targeted inspection</source>
      <translation>重点检查</translation>
    </message>
    <message>
      <source>Complaint-driven inspection</source>
      <translation>投诉举报核查</translation>
    </message>
    <message>
      <source>Campaign inspection</source>
      <translation>专项检查</translation>
    </message>
    <message>
      <source>Re-inspection</source>
      <translation>复查</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>已定稿</translation>
    </message>
    <message>
      <source>Not drawn yet</source>
      <translation>待抽取</translation>
    </message>
    <message>
      <source>Drawn</source>
      <translation>已抽取</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已结束</translation>
    </message>
    <message>
      <source>Being rectified</source>
      <translation>整改中</translation>
    </message>
    <message>
      <source>Due soon</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <source>Rectified</source>
      <translation>已办结</translation>
    </message>
  </context>
  <context>
    <name>Ledger</name>
    <message>
      <source>The ledger cannot be imported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cannot open the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} cannot be opened ({detail}). Check that it exists and is not open in another program, then try again. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file is empty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} is empty (0 bytes). Choose the ledger file itself. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not a spreadsheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} is not an Excel or CSV ledger: {kind}. Open it in the program it belongs to; if it holds a table, copy the table into Excel or WPS, save it as .xlsx and import that file. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a Word document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a PowerPoint presentation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a PDF document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a picture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a compressed archive (zip, rar, 7z) — unpack it first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is a web page saved with a spreadsheet name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is an OpenDocument spreadsheet (.ods) — save it as .xlsx in WPS or Excel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>it is an Excel 2003 XML spreadsheet — save it as .xlsx in Excel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>its content is not a table StationDesk can read</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The workbook is password-protected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} is protected with a password, so its contents cannot be read. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save it and import it again. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The workbook is damaged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} looks like a spreadsheet but cannot be read ({detail}). Open it in Excel or WPS, save it again as .xlsx, and import the saved copy. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The workbook is suspiciously large</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} unpacks to {size} MB ({part}), far more than any ledger needs, so it was not read: it may be damaged or built to exhaust the computer's memory. Nothing was changed. If the ledger is genuine, split it into several smaller files.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file is too large</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} is {size} MB; at most {limit} MB can be imported at once. Split the ledger into several files. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The sheet is too large</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sheet {sheet} of {file} reaches row {rows} and column {column}; at most {limit} rows and {cells} cells can be imported at once. Delete empty rows and columns below and to the right of the table, or split the ledger into several files (for example by township). Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No sheet to import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} has no visible sheet with data (hidden sheets are not imported). Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sheet not found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} has no sheet named {sheet}. Its sheets are: {sheets}. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} has several sheets that look like ledgers: {sheets}. Say which one to import (on the command line with --sheet NAME). Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No header row found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No header row was recognised in sheet {sheet} of {file}: none of its first {rows} rows names at least two known columns such as 主体名称 and 统一社会信用代码. The first row with text (row {row}) reads: {sample}. Add a header row with the column names, or assign the columns by hand in the import wizard. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The sheet is empty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sheet {sheet} of {file} holds no data. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The name column is missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In sheet {sheet} of {file}, no column is assigned to the operator's name (主体名称). Assign one in the import wizard, or rename the column header. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A field is assigned twice</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Columns {columns} of sheet {sheet} are all assigned to the same field ({field}). Assign each field to one column only. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unknown text encoding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} is neither UTF-8 nor GBK/GB18030 text (the problem is near byte {offset}). Open it in Excel or WPS and save it as .xlsx or as “CSV UTF-8”. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No station yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The database holds no station yet. Start StationDesk once and create the station (or the demo station) before importing. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The register changed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The register was changed after the preview of {file} was made (perhaps in another window). Nothing was imported. Make the preview again and confirm it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing to undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>There is no import that can still be undone. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The import cannot be undone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{count} records imported from {file} were changed after the import (edited, deleted or synchronised). Undoing it would overwrite those changes, so nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cannot write the file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The file {file} cannot be written ({detail}). If it is open in Excel or WPS, close it, or choose another folder. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Imported from {file}, sheet {sheet}, row {rows}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Imported from {file}, sheet {sheet}, row {rows}: the code is kept as the ledger prints it although its check character does not match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import of {file} (sheet {sheet}): {new} new, {changed} changed, {unchanged} unchanged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import of {file} undone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Problems in {file}, sheet {sheet}: {count} rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Problems</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Row in the ledger</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Result</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not imported (error)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not imported (conflict)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>imported with a warning</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>unchanged, with a warning</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{station} register of operators (exported {date})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{station} register of operators (exported {date}; ID and phone numbers masked)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Register</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import template of the register of operators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How to fill in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One row per online carrier (shop, website, account); repeat the operator's columns.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An operator without carriers takes one row with the carrier columns left empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enterprises, individual businesses and cooperatives need their unified social credit code (or registration number); natural persons their ID number or at least a phone number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Format code and phone columns as text, or Excel may damage long numbers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Write dates like 2024-05-01; choose the other values from the dropdown lists.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Empty cells never erase what the register already holds.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exported the register with personal data (ID and phone numbers) to {file}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LedgerField</name>
    <message>
      <source>Name</source>
      <translation type="unfinished">名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation type="unfinished">主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation type="unfinished">证照类型</translation>
    </message>
    <message>
      <source>Identifier (any kind)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unified social credit code</source>
      <translation type="unfinished">统一社会信用代码</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation type="unfinished">注册号</translation>
    </message>
    <message>
      <source>Organisation code</source>
      <translation type="unfinished">组织机构代码</translation>
    </message>
    <message>
      <source>Resident ID number</source>
      <translation type="unfinished">身份证号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation type="unfinished">法定代表人/经营者</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation type="unfinished">联系电话</translation>
    </message>
    <message>
      <source>Registered address</source>
      <translation type="unfinished">住所（登记地址）</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation type="unfinished">经营地址</translation>
    </message>
    <message>
      <source>Business scope</source>
      <translation type="unfinished">经营范围</translation>
    </message>
    <message>
      <source>Founding date</source>
      <translation type="unfinished">成立日期</translation>
    </message>
    <message>
      <source>Registration status</source>
      <translation type="unfinished">登记状态</translation>
    </message>
    <message>
      <source>Registering authority</source>
      <translation type="unfinished">登记机关</translation>
    </message>
    <message>
      <source>Credit risk class</source>
      <translation type="unfinished">信用风险分类</translation>
    </message>
    <message>
      <source>Abnormal-operation list</source>
      <translation type="unfinished">经营异常名录</translation>
    </message>
    <message>
      <source>Reason for the abnormal-operation listing</source>
      <translation type="unfinished">列入经营异常名录原因</translation>
    </message>
    <message>
      <source>Date of the abnormal-operation listing</source>
      <translation type="unfinished">列入经营异常名录日期</translation>
    </message>
    <message>
      <source>Serious-violation list</source>
      <translation type="unfinished">严重违法失信名单</translation>
    </message>
    <message>
      <source>Reason for the serious-violation listing</source>
      <translation type="unfinished">列入严重违法失信名单原因</translation>
    </message>
    <message>
      <source>Date of the serious-violation listing</source>
      <translation type="unfinished">列入严重违法失信名单日期</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation type="unfinished">备注</translation>
    </message>
    <message>
      <source>Carrier kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Platform</source>
      <translation type="unfinished">平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation type="unfinished">店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation type="unfinished">店铺编号</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation type="unfinished">网址</translation>
    </message>
    <message>
      <source>ICP filing number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Licence display</source>
      <translation type="unfinished">亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation type="unfinished">首次发现</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation type="unfinished">最近核查</translation>
    </message>
    <message>
      <source>Carrier status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>WeChat official account</source>
      <translation type="unfinished">微信公众号</translation>
    </message>
    <message>
      <source>App names</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(do not import)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Current officer:</source>
      <translation>当前执法人员：</translation>
    </message>
    <message>
      <source>Operators in the register:</source>
      <translation>台账经营主体数：</translation>
    </message>
    <message>
      <source>Listed as abnormal:</source>
      <translation>列入经营异常名录：</translation>
    </message>
    <message>
      <source>Open the operator register on the left to search, add or edit operators. Inspections, rectification and synchronisation with the provincial platform come in the next versions.</source>
      <translation>点击左侧“经营主体台账”可以查询、新增或修改经营主体。检查、整改以及与省级平台同步将在后续版本提供。</translation>
    </message>
    <message>
      <source>StationDesk</source>
      <translation>基层监管工作台</translation>
    </message>
    <message>
      <source>This section is not available yet. It will come with a later version of StationDesk.</source>
      <translation>此功能尚未开放，将在后续版本中提供。</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>工作台</translation>
    </message>
    <message>
      <source>Operator register</source>
      <translation>经营主体台账</translation>
    </message>
    <message>
      <source>Inspections</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>Rectification</source>
      <translation>整改</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Data folder: {path}
The database is encrypted; its key is kept as chosen at first start.</source>
      <translation>数据文件夹：{path}
数据库已加密，密钥按首次启动时的选择保存。</translation>
    </message>
    <message>
      <source>Current officer: {name}</source>
      <translation>当前执法人员：{name}</translation>
    </message>
  </context>
  <context>
    <name>OperatorDetailPanel</name>
    <message>
      <source>Select an operator in the list to see its details.</source>
      <translation>在上方列表中选择一户，即可在这里查看详细信息。</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation>店铺编号</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation>网址</translation>
    </message>
    <message>
      <source>ICP filing</source>
      <translation>ICP备案号</translation>
    </message>
    <message>
      <source>Licence display</source>
      <translation>亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation>首次发现</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation>最近核查</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>证号</translation>
    </message>
    <message>
      <source>Issued by</source>
      <translation>发证机关</translation>
    </message>
    <message>
      <source>Valid from</source>
      <translation>有效期起</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>变更项目</translation>
    </message>
    <message>
      <source>Before → after</source>
      <translation>变更前 → 变更后</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Basic information</source>
      <translation>基本信息</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体</translation>
    </message>
    <message>
      <source>Licences</source>
      <translation>证照</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>变更记录</translation>
    </message>
    <message>
      <source>Carriers ({count})</source>
      <translation>载体（{count}）</translation>
    </message>
    <message>
      <source>Licences ({count})</source>
      <translation>证照（{count}）</translation>
    </message>
    <message>
      <source>Change history ({count})</source>
      <translation>变更记录（{count}）</translation>
    </message>
    <message>
      <source>{before} → {after}</source>
      <translation>{before} → {after}</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>Code saved despite warning</source>
      <translation>号码按原因保存</translation>
    </message>
  </context>
  <context>
    <name>OperatorDialog</name>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator: {name}</source>
      <translation>编辑经营主体：{name}</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>Mobile or landline with area code; separate several with ;</source>
      <translation>手机号或带区号的固定电话；多个号码用分号隔开</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>On the abnormal-operation list</source>
      <translation>列入经营异常名录</translation>
    </message>
    <message>
      <source>On the serious-violation list</source>
      <translation>列入严重违法失信名单</translation>
    </message>
    <message>
      <source>For an individual business this is the abnormal-operation mark.</source>
      <translation>个体工商户为“经营异常状态”标记。</translation>
    </message>
    <message>
      <source>Registration</source>
      <translation>登记信息</translation>
    </message>
    <message>
      <source>Contact and credit</source>
      <translation>经营与信用</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Listed on</source>
      <translation>列入日期</translation>
    </message>
    <message>
      <source>Fields marked * are required. Press Esc to close without saving.</source>
      <translation>带 * 的为必填项。按 Esc 键关闭窗口，不保存。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>{field} *</source>
      <translation>{field} *</translation>
    </message>
    <message>
      <source>This code was saved despite a warning. Reason: {reason}</source>
      <translation>此号码校验未通过，已按原因保存。原因：{reason}</translation>
    </message>
    <message>
      <source>Nothing was saved. Correct the items marked in red, then save again.</source>
      <translation>未保存。请改正标红的项目后再保存。</translation>
    </message>
    <message>
      <source>This operator was deleted in the meantime; nothing was saved. Close this window.</source>
      <translation>该经营主体已在此期间被删除，本次修改未保存。请关闭此窗口。</translation>
    </message>
  </context>
  <context>
    <name>OperatorField</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Registered address</source>
      <translation>住所（登记地址）</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business scope</source>
      <translation>经营范围</translation>
    </message>
    <message>
      <source>Founding date</source>
      <translation>成立日期</translation>
    </message>
    <message>
      <source>Registration status</source>
      <translation>登记状态</translation>
    </message>
    <message>
      <source>Registering authority</source>
      <translation>登记机关</translation>
    </message>
    <message>
      <source>Credit risk class</source>
      <translation>信用风险分类</translation>
    </message>
    <message>
      <source>Abnormal-operation list</source>
      <translation>经营异常名录</translation>
    </message>
    <message>
      <source>Reason for the abnormal-operation listing</source>
      <translation>列入经营异常名录原因</translation>
    </message>
    <message>
      <source>Date of the abnormal-operation listing</source>
      <translation>列入经营异常名录日期</translation>
    </message>
    <message>
      <source>Serious-violation list</source>
      <translation>严重违法失信名单</translation>
    </message>
    <message>
      <source>Reason for the serious-violation listing</source>
      <translation>列入严重违法失信名单原因</translation>
    </message>
    <message>
      <source>Date of the serious-violation listing</source>
      <translation>列入严重违法失信名单日期</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Reason for deletion</source>
      <translation>删除原因</translation>
    </message>
  </context>
  <context>
    <name>OperatorTableModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Credit class</source>
      <translation>信用分类</translation>
    </message>
    <message>
      <source>Abnormal / serious violation</source>
      <translation>异常/失信</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体数</translation>
    </message>
    <message>
      <source>Click to sort by this column; click again to reverse the order.</source>
      <translation>点击按此列排序，再次点击则反向排序。</translation>
    </message>
    <message>
      <source>This column cannot be sorted.</source>
      <translation>此列不能排序。</translation>
    </message>
    <message>
      <source>(this record no longer exists)</source>
      <translation>（该记录已不存在）</translation>
    </message>
    <message>
      <source>Deleted. The record is kept for the change history; it can no longer be edited.</source>
      <translation>已删除。记录保留用于查看变更记录，不能再编辑。</translation>
    </message>
    <message>
      <source>The check character of this code does not match, but it was saved on purpose with a reason. The reason is in the change history.</source>
      <translation>此代码校验位不符，已确认按原因保存，原因见变更记录。</translation>
    </message>
    <message>
      <source>On the abnormal-operation list.</source>
      <translation>已列入经营异常名录。</translation>
    </message>
    <message>
      <source>On the serious-violation list.</source>
      <translation>已列入严重违法失信名单。</translation>
    </message>
    <message>
      <source>Abnormal</source>
      <translation>经营异常</translation>
    </message>
    <message>
      <source>Serious violation</source>
      <translation>严重违法失信</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>Tick to enter the date. Leave it unticked when the date is not known.</source>
      <translation>勾选后填写日期；不清楚日期时不要勾选。</translation>
    </message>
    <message>
      <source>Not set</source>
      <translation>未填写</translation>
    </message>
  </context>
  <context>
    <name>OverrideReasonDialog</name>
    <message>
      <source>Save with a reason</source>
      <translation>填写原因后保存</translation>
    </message>
    <message>
      <source>The check character of this code does not match. Compare the code with the licence once more. If the licence really shows it like this, enter the reason below; the reason is kept in the change history.</source>
      <translation>该代码校验位不符。请再与证照核对一遍；如确认证照上就是这样印的，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Please check the notes below. If the entry is right as it is, enter the reason below; the reason is kept in the change history.</source>
      <translation>请查看下面的提示。如确认填写无误，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>For example: checked against the original licence</source>
      <translation>例如：已与营业执照原件核对</translation>
    </message>
    <message>
      <source>Save with this reason</source>
      <translation>按此原因保存</translation>
    </message>
    <message>
      <source>Back to editing</source>
      <translation>返回修改</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
  </context>
  <context>
    <name>Progress</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>请稍候</translation>
    </message>
  </context>
  <context>
    <name>RegistryView</name>
    <message>
      <source>Name, licence number, phone, shop name, web address, pinyin initials…</source>
      <translation>名称、证照号码、电话、网店名称、网址、拼音首字母…</translation>
    </message>
    <message>
      <source>Ctrl+F: search. Esc: clear the search. Enter or ↓: go to the list.</source>
      <translation>Ctrl+F：搜索；Esc：清空搜索；回车或 ↓：转到列表。</translation>
    </message>
    <message>
      <source>All subject types</source>
      <translation>全部主体类型</translation>
    </message>
    <message>
      <source>All carrier kinds</source>
      <translation>全部载体类型</translation>
    </message>
    <message>
      <source>All platforms</source>
      <translation>全部平台</translation>
    </message>
    <message>
      <source>All credit classes</source>
      <translation>全部信用分类</translation>
    </message>
    <message>
      <source>Abnormal operation only</source>
      <translation>仅经营异常</translation>
    </message>
    <message>
      <source>Serious violation only</source>
      <translation>仅严重违法失信</translation>
    </message>
    <message>
      <source>Show deleted</source>
      <translation>显示已删除</translation>
    </message>
    <message>
      <source>Also list deleted operators (greyed out), to look up their history.</source>
      <translation>同时列出已删除的经营主体（灰色显示），便于查看其变更记录。</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Add an operator (Ctrl+N)</source>
      <translation>新增经营主体（Ctrl+N）</translation>
    </message>
    <message>
      <source>Edit the selected operator (Enter or double-click)</source>
      <translation>编辑选中的经营主体（回车或双击）</translation>
    </message>
    <message>
      <source>Delete the selected operator; a reason is required</source>
      <translation>删除选中的经营主体（须填写原因）</translation>
    </message>
    <message>
      <source>Clear search and filters</source>
      <translation>清除搜索和筛选</translation>
    </message>
    <message>
      <source>Search:</source>
      <translation>搜索：</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator</source>
      <translation>编辑经营主体</translation>
    </message>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Clear search</source>
      <translation>清空搜索</translation>
    </message>
    <message>
      <source>Not deleted</source>
      <translation>未删除</translation>
    </message>
    <message>
      <source>Operator not found</source>
      <translation>找不到该经营主体</translation>
    </message>
    <message>
      <source>This operator no longer exists (it may have been deleted in another window). The list is reloaded.</source>
      <translation>该经营主体已不存在（可能已在其他窗口中删除）。列表已重新加载。</translation>
    </message>
    <message>
      <source>At least {count} found; only the first {count} are shown. Type more to narrow it down.</source>
      <translation>找到 {count} 户以上，仅显示前 {count} 户，请输入更多文字缩小范围。</translation>
    </message>
    <message>
      <source>{count} found</source>
      <translation>找到 {count} 户</translation>
    </message>
    <message>
      <source>{count} operators</source>
      <translation>共 {count} 户</translation>
    </message>
    <message>
      <source>The register has no operators yet. Click “Add” to add one, or import them from Excel (coming soon).</source>
      <translation>台账还没有经营主体。点击「新增」添加，或从 Excel 导入（即将提供）。</translation>
    </message>
    <message>
      <source>No operator matches. Check what you typed, or remove some filters.</source>
      <translation>没有找到匹配的经营主体。请检查输入，或减少筛选条件。</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <source>Creating the demo station with {count} operators…</source>
      <translation>正在创建演示所（{count} 户经营主体）…</translation>
    </message>
    <message>
      <source>StationDesk closed unexpectedly last time</source>
      <translation>上次运行意外退出</translation>
    </message>
    <message>
      <source>The report below was saved in {path}. Please send it to support. Your saved data is not affected.</source>
      <translation>下面的报告已保存在 {path}，请发送给技术支持。已保存的数据不受影响。</translation>
    </message>
    <message>
      <source>Where to keep the database key</source>
      <translation>数据库密钥保存方式</translation>
    </message>
    <message>
      <source>This computer has no system credential store, so StationDesk cannot keep the database key there. Choose how to unlock the encrypted database:</source>
      <translation>本机没有系统凭据库，无法在其中保存数据库密钥。请选择加密数据库的解锁方式：</translation>
    </message>
    <message>
      <source>A passphrase I type at every start (safest)</source>
      <translation>每次启动时输入口令（最安全）</translation>
    </message>
    <message>
      <source>A key file (anyone who copies this file can read the data)</source>
      <translation>密钥文件（任何人复制此文件都能读取数据）</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>口令：</translation>
    </message>
    <message>
      <source>Repeat:</source>
      <translation>再输一次：</translation>
    </message>
    <message>
      <source>The passphrase needs at least 8 characters.</source>
      <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
      <source>The two passphrases differ. Type them again.</source>
      <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
      <source>Enter where the key file should be kept.</source>
      <translation>请填写密钥文件的保存位置。</translation>
    </message>
    <message>
      <source>Welcome to StationDesk</source>
      <translation>欢迎使用基层监管工作台</translation>
    </message>
    <message>
      <source>There is no station data on this computer yet. How do you want to start?</source>
      <translation>本机还没有本所数据。您想怎样开始？</translation>
    </message>
    <message>
      <source>Try the demo station (synthetic operators, safe to play with)</source>
      <translation>先试用演示所（模拟数据，可随意操作）</translation>
    </message>
    <message>
      <source>Set up my own station (empty register)</source>
      <translation>建立本所台账（空白台账）</translation>
    </message>
    <message>
      <source>e.g. Huguo Station of the Wuhua District Market Regulation Bureau, Kunming</source>
      <translation>例如：昆明市五华区市场监督管理局护国市场监管所</translation>
    </message>
    <message>
      <source>6-digit county code, e.g. 530102</source>
      <translation>6 位县区行政区划代码，例如 530102</translation>
    </message>
    <message>
      <source>Station name:</source>
      <translation>所名称：</translation>
    </message>
    <message>
      <source>County code:</source>
      <translation>县区代码：</translation>
    </message>
    <message>
      <source>Your name:</source>
      <translation>您的姓名：</translation>
    </message>
    <message>
      <source>Your enforcement certificate no.:</source>
      <translation>您的执法证号：</translation>
    </message>
    <message>
      <source>Number of demo operators:</source>
      <translation>演示经营主体数量：</translation>
    </message>
    <message>
      <source>Enter the station name and your name.</source>
      <translation>请填写所名称和您的姓名。</translation>
    </message>
    <message>
      <source>The county code has 6 digits, e.g. 530102.</source>
      <translation>县区代码为 6 位数字，例如 530102。</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>请选择当前执法人员</translation>
    </message>
    <message>
      <source>Choose your name. Every change you make is recorded under it.</source>
      <translation>请选择您的姓名。您所做的每项修改都会记录在您名下。</translation>
    </message>
    <message>
      <source>Or add a new officer — name:</source>
      <translation>或新增执法人员——姓名：</translation>
    </message>
    <message>
      <source>Enforcement certificate no.:</source>
      <translation>执法证号：</translation>
    </message>
    <message>
      <source>Choose your name or add yourself as a new officer.</source>
      <translation>请选择您的姓名，或把自己添加为新的执法人员。</translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message>
      <source>Give a reason for the deletion; it is kept in the audit log.</source>
      <translation>请填写删除原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Enter the name.</source>
      <translation>请填写名称。</translation>
    </message>
    <message>
      <source>Choose the subject type.</source>
      <translation>请选择主体类型。</translation>
    </message>
    <message>
      <source>This kind of identifier does not fit the subject type.</source>
      <translation>此证照类型与主体类型不符。</translation>
    </message>
    <message>
      <source>“{value}” is not a date. Write it like 2024-05-01.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{value}” is not a yes/no value. Write 是 or 否.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{value}” is not a known subject type. Use 企业, 个体工商户, 农民专业合作社, 自然人 or 其他.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{value}” is not a known identifier type. Use 统一社会信用代码, 注册号, 组织机构代码, 身份证号 or 无.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Credit class is A, B, C or D.</source>
      <translation>信用风险分类只能是 A、B、C 或 D。</translation>
    </message>
    <message>
      <source>“{value}” is not a known carrier kind. Use 网店, 网站, 微信公众号, 小程序, APP, 直播间 or 本地生活.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{value}” is not a known licence-display state. Use 已亮照, 亮照不完整, 未亮照 or 未检查.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{value}” is not a known carrier status. Use 正常 or 已关闭.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Excel stored this number as {value} and its last digits are lost. Format the column as text in Excel (or WPS) and enter the number again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This value is masked ({value}): the ledger was exported without personal data. Import a ledger that has the full numbers, or leave the cell empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This value is masked ({value}): the ledger was exported without personal data, so the cell is ignored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The text is {actual} characters long; at most {limit} fit. Shorten it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The founding date lies in the future.</source>
      <translation>成立日期不能晚于今天。</translation>
    </message>
    <message>
      <source>Enter the reason for the listing.</source>
      <translation>请填写列入原因。</translation>
    </message>
    <message>
      <source>This identifier is already registered for {name}. Open that record instead.</source>
      <translation>此号码已登记为“{name}”。请直接打开该记录。</translation>
    </message>
    <message>
      <source>Enter the officer's name.</source>
      <translation>请填写执法人员姓名。</translation>
    </message>
    <message>
      <source>Enter the code. If the operator has none, choose “no identifier” as its type.</source>
      <translation>请填写证照号码。如该经营主体没有证照号码，请将证照类型选为“无证照号码”。</translation>
    </message>
    <message>
      <source>This operator is marked as having no identifier, but a code was entered. Either clear the code or choose the type of identifier it is.</source>
      <translation>该经营主体的证照类型为“无证照号码”，但填写了号码。请清空号码，或选择该号码对应的证照类型。</translation>
    </message>
    <message>
      <source>This code should have {expected} characters, but it has {actual}. Compare it with the licence and look for a missing or extra character.</source>
      <translation>此号码应为 {expected} 位，实际为 {actual} 位。请与证照核对，检查是否漏填或多填了字符。</translation>
    </message>
    <message>
      <source>The code contains {chars}, which never appear in a unified social credit code (the letters I, O, S, V and Z are not used). Check for O typed instead of the digit 0, or I instead of 1.</source>
      <translation>号码中含有 {chars}，统一社会信用代码不使用这些字符（不使用字母 I、O、S、V、Z）。请检查是否把数字 0 输成了字母 O，或把数字 1 输成了字母 I。</translation>
    </message>
    <message>
      <source>The first character must be one of 1-9, A, N or Y, not {actual}. Compare the code with the licence.</source>
      <translation>第 1 位应为 1-9、A、N 或 Y，而不是 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>The second character {actual} is not used after {authority}: it must be one of {allowed}. Compare the code with the licence.</source>
      <translation>第 1 位为 {authority} 时，第 2 位不能是 {actual}，只能是 {allowed} 之一。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 to 8 must all be digits (they are a region code), but they are {actual}. Compare the code with the licence.</source>
      <translation>第 3 至 8 位是行政区划代码，应全部为数字，实际为 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 and 4 ({actual}) are not a Chinese province code. Compare the code with the licence.</source>
      <translation>第 3、4 位（{actual}）不是我国省级行政区划代码。请与证照核对。</translation>
    </message>
    <message>
      <source>Character 17 should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>第 17 位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>The check character should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>校验位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>An organisation code may only contain digits and capital letters, but it contains {chars}. Compare it with the certificate.</source>
      <translation>组织机构代码只能由数字和大写字母组成，但其中含有 {chars}。请与代码证书核对。</translation>
    </message>
    <message>
      <source>A registration number (注册号) consists of digits only, but it contains {chars}. Compare it with the licence.</source>
      <translation>注册号只能由数字组成，但其中含有 {chars}。请与证照核对。</translation>
    </message>
    <message>
      <source>An ID card number consists of digits, with only the last character possibly X, but it contains {chars}. Compare it with the ID card.</source>
      <translation>身份证号码由数字组成，只有最后一位可能是 X，但其中含有 {chars}。请与身份证核对。</translation>
    </message>
    <message>
      <source>The birth date in this ID number ({actual}) is not a real date between 1900 and today. Compare the number with the ID card.</source>
      <translation>此身份证号码中的出生日期（{actual}）不是 1900 年至今的有效日期。请与身份证核对。</translation>
    </message>
    <message>
      <source>The last character should be {expected}, not {actual}. Check the number against the ID card; if the card really shows this number, you may save it with a reason.</source>
      <translation>最后一位应为 {expected}，而不是 {actual}。请与身份证核对；如身份证上确实是这个号码，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>This is an old 15-digit ID number. If possible, ask for the 18-digit number on the current ID card.</source>
      <translation>这是旧的 15 位身份证号码。如有可能，请索取现行身份证上的 18 位号码。</translation>
    </message>
    <message>
      <source>“{number}” is not a phone number. Enter an 11-digit mobile number, a landline with its area code such as 0571-87654321, or a 400/800 number. Separate several numbers with a semicolon.</source>
      <translation>“{number}”不是电话号码。请填写 11 位手机号、带区号的固定电话（如 0571-87654321）或 400/800 号码；多个号码用分号隔开。</translation>
    </message>
    <message>
      <source>The mobile number “{number}” has {actual} digits; mobile numbers have 11. Look for a missing or extra digit.</source>
      <translation>手机号“{number}”有 {actual} 位，手机号应为 11 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The landline “{number}” has no area code. Add it in front, for example 0571-{number}.</source>
      <translation>固定电话“{number}”缺少区号。请在前面加上区号，例如 0571-{number}。</translation>
    </message>
    <message>
      <source>“{value}” is not an ICP filing number. Copy it from the bottom of the website or from the MIIT filing system; it looks like 京ICP备12345678号-1 or 京ICP证123456号.</source>
      <translation>“{value}”不是 ICP 备案号。请从网站底部或工业和信息化部备案系统中复制，格式如 京ICP备12345678号-1 或 京ICP证123456号。</translation>
    </message>
    <message>
      <source>“{actual}” is not a province abbreviation used in ICP numbers (such as 京, 沪 or 粤). Check the first character.</source>
      <translation>“{actual}”不是 ICP 号码使用的省份简称（如 京、沪、粤）。请检查第一个字。</translation>
    </message>
    <message>
      <source>The number in an ICP filing (ICP备) has 8 or 10 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 备案号（ICP备）中的数字应为 8 位或 10 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The number in an ICP licence (ICP证) has 6 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 经营许可证号（ICP证）中的数字应为 6 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The character 号 is missing after the digits. The correct form is {suggestion}.</source>
      <translation>数字后面缺少“号”字，正确写法为 {suggestion}。</translation>
    </message>
    <message>
      <source>Enter the task number.</source>
      <translation>请填写任务编号。</translation>
    </message>
    <message>
      <source>Another task already has the number {number}. Each task needs its own number.</source>
      <translation>已有任务使用编号 {number}。每个任务的编号不能重复。</translation>
    </message>
    <message>
      <source>Enter the name of the task.</source>
      <translation>请填写任务名称。</translation>
    </message>
    <message>
      <source>Choose the checklist this task uses.</source>
      <translation>请选择本任务使用的检查表。</translation>
    </message>
    <message>
      <source>Say how many operators to draw: a number, a percentage, or a percentage for each credit class.</source>
      <translation>请填写抽取数量：户数、比例，或按信用风险分类分别设定比例。</translation>
    </message>
    <message>
      <source>Give either a number of operators or percentages, not both.</source>
      <translation>户数和比例只能填写一种。</translation>
    </message>
    <message>
      <source>The number of operators to draw must be at least 1.</source>
      <translation>抽取户数至少为 1。</translation>
    </message>
    <message>
      <source>A percentage must be more than 0 and at most 100; {value} is not.</source>
      <translation>比例应大于 0 且不超过 100，{value} 不符合要求。</translation>
    </message>
    <message>
      <source>“{value}” is not a credit class. Use A, B, C or D (or leave it empty for unclassified operators).</source>
      <translation>“{value}”不是信用风险分类。请使用 A、B、C 或 D（未分类的经营主体留空）。</translation>
    </message>
    <message>
      <source>This task was drawn on {date}. A draw cannot be repeated or changed; create a new task instead.</source>
      <translation>本任务已于 {date} 抽取。抽取结果不能重抽或修改；如需调整，请新建任务。</translation>
    </message>
    <message>
      <source>This task is closed.</source>
      <translation>本任务已结束。</translation>
    </message>
    <message>
      <source>No operator in the register matches the task's target. Change the target or update the register first.</source>
      <translation>台账中没有符合本任务抽查对象条件的经营主体。请调整对象条件，或先更新台账。</translation>
    </message>
    <message>
      <source>A draw needs at least two active officers with an enforcement certificate number (执法证号); there are {count}. Add officers or enter their certificate numbers in the officer list.</source>
      <translation>抽取至少需要两名在岗并持有执法证号的执法人员，目前只有 {count} 名。请在人员名录中添加人员或补填执法证号。</translation>
    </message>
    <message>
      <source>For {count} of the drawn operators fewer than two officers are free of conflicts (回避). Assign officers to them by hand.</source>
      <translation>有 {count} 户抽中对象因回避可派人员不足两名，请手工指派检查人员。</translation>
    </message>
    <message>
      <source>Enter why this officer must not inspect this operator (for example: a relative works there).</source>
      <translation>请填写该执法人员需要回避的原因（例如：近亲属在该单位任职）。</translation>
    </message>
    <message>
      <source>This conflict of interest is already recorded.</source>
      <translation>该回避关系已登记。</translation>
    </message>
    <message>
      <source>This record is finalized and can no longer be changed. To correct it, create an amendment and give the reason.</source>
      <translation>本记录已定稿，不能再修改。如需更正，请新建更正记录并写明原因。</translation>
    </message>
    <message>
      <source>This draft was discarded and can no longer be changed.</source>
      <translation>该草稿已作废，不能再修改。</translation>
    </message>
    <message>
      <source>This operator is not in the register (it may have been deleted in another window).</source>
      <translation>台账中找不到该经营主体（可能已在其他窗口中删除）。</translation>
    </message>
    <message>
      <source>This shop or website belongs to another operator. Choose one of this operator's carriers.</source>
      <translation>该网店或网站属于其他经营主体。请选择本经营主体名下的载体。</translation>
    </message>
    <message>
      <source>{name} is chosen twice. Choose two different officers.</source>
      <translation>{name} 被重复选择。请选择两名不同的执法人员。</translation>
    </message>
    <message>
      <source>{name} is no longer an active officer. Choose another officer.</source>
      <translation>{name} 已不在岗。请选择其他执法人员。</translation>
    </message>
    <message>
      <source>{name} must not inspect this operator (回避: {reason}). Choose another officer.</source>
      <translation>{name} 须回避本检查对象（回避原因：{reason}）。请选择其他执法人员。</translation>
    </message>
    <message>
      <source>An officer chosen is not in this station's officer list.</source>
      <translation>所选人员不在本所执法人员名录中。</translation>
    </message>
    <message>
      <source>An inspection needs at least two officers (行政处罚法 第42条); {count} chosen. Add a colleague.</source>
      <translation>检查须有两名以上执法人员（行政处罚法第四十二条），目前选了 {count} 名。请再添加一名同事。</translation>
    </message>
    <message>
      <source>{name} has no enforcement certificate number (执法证号). Enter it in the officer list before finalizing.</source>
      <translation>{name} 没有执法证号。定稿前请在人员名录中补填。</translation>
    </message>
    <message>
      <source>Enter when the inspection started.</source>
      <translation>请填写检查开始时间。</translation>
    </message>
    <message>
      <source>Enter when the inspection ended.</source>
      <translation>请填写检查结束时间。</translation>
    </message>
    <message>
      <source>The end time {end} is before the start time {start}. Correct one of them.</source>
      <translation>结束时间 {end} 早于开始时间 {start}。请更正其中一个。</translation>
    </message>
    <message>
      <source>Enter where the inspection took place (for online checks, for example the shop's address).</source>
      <translation>请填写检查地点（网络检查可填写网店网址或监测地点）。</translation>
    </message>
    <message>
      <source>This text is too long: {actual} characters, at most {limit} are allowed.</source>
      <translation>内容过长：共 {actual} 个字，最多 {limit} 个字。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the inspection methods.</source>
      <translation>“{value}”不是规定的核查方式。</translation>
    </message>
    <message>
      <source>Choose at least one inspection method.</source>
      <translation>请至少选择一种核查方式。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the official result categories.</source>
      <translation>“{value}”不是规定的检查结果类别。</translation>
    </message>
    <message>
      <source>Choose at least one result of the inspection.</source>
      <translation>请至少选择一项检查结果。</translation>
    </message>
    <message>
      <source>“未发现问题” cannot be chosen together with “{value}”. Remove one of them.</source>
      <translation>“未发现问题”不能与“{value}”同时选择。请去掉其中一项。</translation>
    </message>
    <message>
      <source>Item {code} is answered 不符合, but the result says “未发现问题”. Choose the result that describes the problem.</source>
      <translation>检查事项 {code} 为“不符合”，但检查结果为“未发现问题”。请选择反映所发现问题的检查结果。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the follow-up measures.</source>
      <translation>“{value}”不是规定的后续处置措施。</translation>
    </message>
    <message>
      <source>Choose the follow-up measure.</source>
      <translation>请选择后续处置措施。</translation>
    </message>
    <message>
      <source>Describe the follow-up measure “其他”.</source>
      <translation>后续处置措施选了“其他”，请写明具体措施。</translation>
    </message>
    <message>
      <source>An order to rectify within a time limit (责令限期整改) needs a deadline.</source>
      <translation>责令限期整改须填写整改期限。</translation>
    </message>
    <message>
      <source>The rectification deadline {deadline} is before the day of the inspection ({day}).</source>
      <translation>整改期限 {deadline} 早于检查日期（{day}）。</translation>
    </message>
    <message>
      <source>The checklist of this record has no item {code}.</source>
      <translation>本记录使用的检查表中没有事项 {code}。</translation>
    </message>
    <message>
      <source>Answer item {code} with 符合, 不符合 or 不适用.</source>
      <translation>检查事项 {code} 请选择“符合”“不符合”或“不适用”。</translation>
    </message>
    <message>
      <source>“{value}” is not a number. Enter digits only, for example 12 or 3.5.</source>
      <translation>“{value}”不是数字。请只填写数字，例如 12 或 3.5。</translation>
    </message>
    <message>
      <source>“{value}” is not a date. Enter it like 2026-03-01.</source>
      <translation>“{value}”不是日期。请按 2026-03-01 的格式填写。</translation>
    </message>
    <message>
      <source>Item {code} is not answered yet: {question}</source>
      <translation>检查事项 {code} 尚未填写：{question}</translation>
    </message>
    <message>
      <source>Item {code} is answered 不符合 and needs evidence. Attach a screenshot, recording or document to this item.</source>
      <translation>检查事项 {code} 为“不符合”，须附证据。请为该事项添加截图、录屏或文件。</translation>
    </message>
    <message>
      <source>Enter the reason for the amendment.</source>
      <translation>请填写更正原因。</translation>
    </message>
    <message>
      <source>Only a finalized record is amended; a draft can be corrected directly.</source>
      <translation>只有定稿记录需要更正；草稿可以直接修改。</translation>
    </message>
    <message>
      <source>This record already has a newer version (an amendment, finalized or in progress). Open and amend that one.</source>
      <translation>本记录已有更新的版本（已定稿或正在填写的更正记录）。请打开该版本进行更正。</translation>
    </message>
    <message>
      <source>Enter why this draft is discarded.</source>
      <translation>请填写作废该草稿的原因。</translation>
    </message>
    <message>
      <source>The file {name} is empty.</source>
      <translation>文件 {name} 是空文件。</translation>
    </message>
    <message>
      <source>The file {name} is {size} MB; evidence files may be at most {limit} MB. Shorten the recording, or save the web page as PDF.</source>
      <translation>文件 {name} 大小为 {size} MB，证据文件最大 {limit} MB。请缩短录屏，或将网页另存为 PDF。</translation>
    </message>
    <message>
      <source>The file {name} is not an image, a PDF or a video. Save screenshots as PNG or JPEG, web pages as PDF, and screen recordings as MP4.</source>
      <translation>文件 {name} 不是图片、PDF 或视频。截图请保存为 PNG 或 JPEG，网页请保存为 PDF，录屏请保存为 MP4。</translation>
    </message>
    <message>
      <source>The file {name} cannot be read ({detail}). Check that it still exists and is not open elsewhere.</source>
      <translation>无法读取文件 {name}（{detail}）。请确认文件仍然存在，且没有被其他程序占用。</translation>
    </message>
    <message>
      <source>The evidence file {name} is missing from the evidence store (evidence.db). Attach the original file again.</source>
      <translation>证据库（evidence.db）中找不到证据文件 {name}。请重新添加原始文件。</translation>
    </message>
    <message>
      <source>The evidence file {name} is damaged: its content no longer matches its fingerprint. Attach the original file again.</source>
      <translation>证据文件 {name} 已损坏：内容与其校验值不符。请重新添加原始文件。</translation>
    </message>
    <message>
      <source>This rectification is already closed.</source>
      <translation>该整改事项已办结。</translation>
    </message>
    <message>
      <source>The new deadline must be later than the current one ({deadline}).</source>
      <translation>新的整改期限须晚于当前期限（{deadline}）。</translation>
    </message>
    <message>
      <source>Enter why the deadline is extended.</source>
      <translation>请填写延长整改期限的原因。</translation>
    </message>
    <message>
      <source>Finalize the re-inspection record before closing the rectification.</source>
      <translation>请先将复查记录定稿，再办结整改。</translation>
    </message>
    <message>
      <source>This re-inspection record belongs to another rectification.</source>
      <translation>该复查记录属于其他整改事项。</translation>
    </message>
    <message>
      <source>Rows {rows} describe the same operator ({key}) with different values in {fields}. Keep one version of the row and import again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rows {rows} describe the same carrier ({carrier}) with different values in {fields}. Keep one version.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The register holds this ID number for {name}, not for the name in this row. Check the name and the number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{count} operators in the register match this row ({names}), so it cannot be told which one is meant. Add the identifier to the row.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rows {rows} and rows {other} would both change {name} in the register. Keep one of them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This natural person has neither an ID number nor a phone number, so the row is matched by name alone.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Vocabulary</name>
    <message>
      <source>Enterprise</source>
      <translation>企业</translation>
    </message>
    <message>
      <source>Individual business</source>
      <translation>个体工商户</translation>
    </message>
    <message>
      <source>Farmers' cooperative</source>
      <translation>农民专业合作社</translation>
    </message>
    <message>
      <source>Natural person</source>
      <translation>自然人</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Platform shop</source>
      <translation>网店</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>WeChat official account</source>
      <translation>微信公众号</translation>
    </message>
    <message>
      <source>Mini-program</source>
      <translation>小程序</translation>
    </message>
    <message>
      <source>App</source>
      <translation>APP</translation>
    </message>
    <message>
      <source>Live-stream / short-video account</source>
      <translation>直播间/短视频账号</translation>
    </message>
    <message>
      <source>Local-life store</source>
      <translation>本地生活店铺</translation>
    </message>
    <message>
      <source>Not checked</source>
      <translation>未检查</translation>
    </message>
    <message>
      <source>Displayed</source>
      <translation>已亮照</translation>
    </message>
    <message>
      <source>Incomplete</source>
      <translation>亮照不完整</translation>
    </message>
    <message>
      <source>Not displayed</source>
      <translation>未亮照</translation>
    </message>
    <message>
      <source>A (low risk)</source>
      <translation>A 类（低风险）</translation>
    </message>
    <message>
      <source>B (general risk)</source>
      <translation>B 类（一般风险）</translation>
    </message>
    <message>
      <source>C (elevated risk)</source>
      <translation>C 类（较高风险）</translation>
    </message>
    <message>
      <source>D (high risk)</source>
      <translation>D 类（高风险）</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>执法人员</translation>
    </message>
    <message>
      <source>Station head</source>
      <translation>所长</translation>
    </message>
    <message>
      <source>Unified social credit code</source>
      <translation>统一社会信用代码</translation>
    </message>
    <message>
      <source>Organisation code</source>
      <translation>组织机构代码</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>注册号</translation>
    </message>
    <message>
      <source>Resident ID number</source>
      <translation>身份证号码</translation>
    </message>
    <message>
      <source>No identifier</source>
      <translation>无证照号码</translation>
    </message>
  </context>
</TS>