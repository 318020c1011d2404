//! A throwaway PostgreSQL server for tests and benchmarks: Debian's
//! packages (installed if missing), a cluster in a temporary folder on a
//! free local port, stopped and deleted when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::process::{output_of, run};

pub struct TempPostgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_root: bool,
}

/// The newest `/usr/lib/postgresql/<version>/bin`, installing PostgreSQL
/// from Debian's packages when there is none.
fn server_bin() -> Result<PathBuf> {
    let find = || -> Option<PathBuf> {
        let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let version = e.file_name().to_str()?.parse().ok()?;
                let bin = e.path().join("bin");
                bin.join("initdb").exists().then_some((version, bin))
            })
            .collect();
        versions.sort();
        versions.pop().map(|(_, bin)| bin)
    };
    if let Some(bin) = find() {
        return Ok(bin);
    }
    eprintln!("installing PostgreSQL from Debian's packages…");
    crate::tools::apt_install(&["postgresql"])?;
    find().context("PostgreSQL was installed but no /usr/lib/postgresql/*/bin/initdb was found")
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl TempPostgres {
    /// initdb and start; PostgreSQL refuses to run as root, so as root the
    /// cluster belongs to the `postgres` user the package creates.
    pub fn start() -> Result<Self> {
        let bin = server_bin()?;
        let as_root = output_of(Command::new("id").arg("-u")).as_deref() == Some("0");
        let data = std::env::temp_dir().join(format!(
            "quire-pg-{}-{}",
            std::process::id(),
            jiff::Timestamp::now().as_nanosecond()
        ));
        std::fs::create_dir_all(&data)?;
        if as_root {
            run(Command::new("chown").arg("postgres:postgres").arg(&data))?;
        }
        let port = free_port()?;
        let server = Self {
            bin,
            data,
            port,
            as_root,
        };
        server.run_tool(
            "initdb",
            &[
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-instructions",
                "-D",
            ],
            true,
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
            server.data.display()
        );
        let log = server.data.join("server.log");
        let mut start = server.tool("pg_ctl");
        start
            .arg("-D")
            .arg(&server.data)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(&options)
            .args(["-w", "-t", "60", "start"]);
        if let Err(error) = run(start.stdout(std::process::Stdio::null())) {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            bail!("{error:#}\n{log}");
        }
        Ok(server)
    }

    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if self.as_root {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    fn run_tool(&self, name: &str, args: &[&str], with_data: bool) -> Result<()> {
        let mut cmd = self.tool(name);
        cmd.args(args);
        if with_data {
            cmd.arg(&self.data);
        }
        run(cmd.stdout(std::process::Stdio::null()))
    }

    /// The `postgres` database, as the superuser.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A URL for database `name`, created empty.
    pub fn database(&self, name: &str) -> Result<String> {
        let mut psql = Command::new(self.bin.join("psql"));
        psql.args(["-q", "-h", "127.0.0.1", "-U", "postgres", "-p"])
            .arg(self.port.to_string())
            .args(["-d", "postgres", "-c"])
            .arg(format!("CREATE DATABASE {name}"));
        run(psql.stdout(std::process::Stdio::null()))?;
        Ok(format!(
            "postgres://postgres@127.0.0.1:{}/{name}",
            self.port
        ))
    }

    pub fn data_dir(&self) -> &Path {
        &self.data
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let mut stop = self.tool("pg_ctl");
        stop.arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let _ = stop.status();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
