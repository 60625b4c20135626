//! A minimal client of the MySQL wire protocol, enough for SphinxQL: the handshake without
//! authentication, `COM_QUERY`, text result sets, OK and ERR packets.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// `CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION`.
const CAPABILITIES: u32 = 0x0001 | 0x0200 | 0x8000;
/// utf8_general_ci.
const CHARSET: u8 = 33;
const COM_QUERY: u8 = 0x03;
/// Largest packet payload sent or accepted.
const MAX_PACKET: u32 = 16 * 1024 * 1024;

/// The answer to a statement: rows of text values (`None` for NULL), or the rows a write changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    /// Column names (empty for an OK answer).
    pub columns: Vec<String>,
    /// Rows of values, as text.
    pub rows: Vec<Vec<Option<String>>>,
    /// Rows changed (OK answers).
    pub affected: u64,
}

/// A connection speaking the MySQL protocol.
pub struct Connection {
    stream: TcpStream,
    sequence: u8,
}

impl Connection {
    /// Connects to `address` and completes the handshake (no password is sent).
    pub fn connect(address: SocketAddr, timeout: Duration) -> io::Result<Connection> {
        let stream = TcpStream::connect_timeout(&address, timeout)?;
        stream.set_read_timeout(Some(timeout * 10))?;
        stream.set_write_timeout(Some(timeout * 10))?;
        stream.set_nodelay(true)?;
        let mut connection = Connection {
            stream,
            sequence: 0,
        };
        let greeting = connection.read_packet()?;
        if greeting.first() == Some(&0xff) {
            return Err(server_error(&greeting));
        }
        let mut response = Vec::with_capacity(40);
        response.extend_from_slice(&CAPABILITIES.to_le_bytes());
        response.extend_from_slice(&MAX_PACKET.to_le_bytes());
        response.push(CHARSET);
        response.extend_from_slice(&[0; 23]);
        response.extend_from_slice(b"newsdex\0");
        response.push(0);
        connection.write_packet(&response)?;
        let reply = connection.read_packet()?;
        match reply.first() {
            Some(0x00) => Ok(connection),
            _ => Err(server_error(&reply)),
        }
    }

    /// Runs one statement and reads its whole answer.
    pub fn query(&mut self, statement: &str) -> io::Result<Answer> {
        self.sequence = 0;
        let mut packet = Vec::with_capacity(statement.len() + 1);
        packet.push(COM_QUERY);
        packet.extend_from_slice(statement.as_bytes());
        self.write_packet(&packet)?;
        let first = self.read_packet()?;
        match first.first() {
            Some(0x00) => {
                let mut reader = Reader::new(&first[1..]);
                Ok(Answer {
                    affected: reader.length()?.unwrap_or(0),
                    ..Answer::default()
                })
            }
            Some(0xff) => Err(server_error(&first)),
            _ => self.result_set(&first),
        }
    }

    fn result_set(&mut self, first: &[u8]) -> io::Result<Answer> {
        let count = Reader::new(first).length()?.unwrap_or(0) as usize;
        let mut columns = Vec::with_capacity(count);
        for _ in 0..count {
            let packet = self.read_packet()?;
            let mut reader = Reader::new(&packet);
            // catalog, schema, table, org_table, then the name.
            for _ in 0..4 {
                reader.text()?;
            }
            columns.push(reader.text()?.unwrap_or_default());
        }
        let end = self.read_packet()?;
        if !is_eof(&end) {
            return Err(invalid("expected the end of the column definitions"));
        }
        let mut rows = Vec::new();
        loop {
            let packet = self.read_packet()?;
            if is_eof(&packet) {
                break;
            }
            if packet.first() == Some(&0xff) {
                return Err(server_error(&packet));
            }
            let mut reader = Reader::new(&packet);
            let row = (0..count)
                .map(|_| reader.text())
                .collect::<io::Result<Vec<_>>>()?;
            rows.push(row);
        }
        Ok(Answer {
            columns,
            rows,
            affected: 0,
        })
    }

    fn write_packet(&mut self, payload: &[u8]) -> io::Result<()> {
        if payload.len() >= 0xff_ffff {
            return Err(invalid("statement too long for one packet"));
        }
        let mut packet = Vec::with_capacity(payload.len() + 4);
        packet.extend_from_slice(&(payload.len() as u32).to_le_bytes()[..3]);
        packet.push(self.sequence);
        packet.extend_from_slice(payload);
        self.sequence = self.sequence.wrapping_add(1);
        self.stream.write_all(&packet)
    }

    fn read_packet(&mut self) -> io::Result<Vec<u8>> {
        let mut payload = Vec::new();
        loop {
            let mut header = [0u8; 4];
            self.stream.read_exact(&mut header)?;
            let length = u32::from_le_bytes([header[0], header[1], header[2], 0]);
            self.sequence = header[3].wrapping_add(1);
            if payload.len() + length as usize > MAX_PACKET as usize {
                return Err(invalid("answer packet too large"));
            }
            let start = payload.len();
            payload.resize(start + length as usize, 0);
            self.stream.read_exact(&mut payload[start..])?;
            if length < 0xff_ffff {
                return Ok(payload);
            }
        }
    }
}

fn is_eof(packet: &[u8]) -> bool {
    packet.first() == Some(&0xfe) && packet.len() < 9
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

/// The message of an ERR packet (`0xff`, code, optional `#` and SQL state, message).
fn server_error(packet: &[u8]) -> io::Error {
    if packet.first() != Some(&0xff) || packet.len() < 3 {
        return invalid("unexpected packet from the server");
    }
    let code = u16::from_le_bytes([packet[1], packet[2]]);
    let mut message = &packet[3..];
    if message.first() == Some(&b'#') && message.len() >= 6 {
        message = &message[6..];
    }
    io::Error::other(format!(
        "server error {code}: {}",
        String::from_utf8_lossy(message)
    ))
}

/// Reads length-encoded integers and strings.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(invalid("truncated packet"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    /// A length-encoded integer; `None` for the NULL marker.
    fn length(&mut self) -> io::Result<Option<u64>> {
        let first = self.take(1)?[0];
        let width = match first {
            0xfb => return Ok(None),
            0xfc => 2,
            0xfd => 3,
            0xfe => 8,
            n => return Ok(Some(u64::from(n))),
        };
        let mut value = [0u8; 8];
        value[..width].copy_from_slice(self.take(width)?);
        Ok(Some(u64::from_le_bytes(value)))
    }

    fn text(&mut self) -> io::Result<Option<String>> {
        match self.length()? {
            None => Ok(None),
            Some(n) => {
                let n = usize::try_from(n).map_err(|_| invalid("string too long"))?;
                Ok(Some(String::from_utf8_lossy(self.take(n)?).into_owned()))
            }
        }
    }
}

/// `text` as a single-quoted SQL string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::thread;

    fn packet(sequence: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = (payload.len() as u32).to_le_bytes()[..3].to_vec();
        out.push(sequence);
        out.extend_from_slice(payload);
        out
    }

    fn lenenc(text: &str) -> Vec<u8> {
        let mut out = vec![text.len() as u8];
        out.extend_from_slice(text.as_bytes());
        out
    }

    fn column(name: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for part in ["def", "", "", "", name, name] {
            out.extend(lenenc(part));
        }
        out.extend_from_slice(&[0x0c, 33, 0, 255, 0, 0, 0, 253, 0, 0, 0, 0, 0]);
        out
    }

    /// A server that greets, accepts the login, then answers one query with `answer`.
    fn serve(answer: Vec<Vec<u8>>) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut greeting = vec![10];
            greeting.extend_from_slice(b"2.2.11\0");
            greeting.extend_from_slice(&[1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x82]);
            stream.write_all(&packet(0, &greeting)).unwrap();
            let mut buffer = [0u8; 1024];
            let _ = stream.read(&mut buffer).unwrap();
            stream
                .write_all(&packet(2, &[0, 0, 0, 2, 0, 0, 0]))
                .unwrap();
            let _ = stream.read(&mut buffer).unwrap();
            for (i, p) in answer.iter().enumerate() {
                stream.write_all(&packet(i as u8 + 1, p)).unwrap();
            }
        });
        address
    }

    #[test]
    fn reads_a_result_set_with_nulls() {
        let eof = vec![0xfe, 0, 0, 2, 0];
        let mut row = lenenc("7");
        row.push(0xfb);
        let address = serve(vec![
            vec![2],
            column("id"),
            column("title"),
            eof.clone(),
            row,
            eof,
        ]);
        let mut connection = Connection::connect(address, Duration::from_secs(2)).unwrap();
        let answer = connection.query("SELECT id, title FROM t").unwrap();
        assert_eq!(answer.columns, ["id", "title"]);
        assert_eq!(answer.rows, vec![vec![Some("7".to_string()), None]]);
    }

    #[test]
    fn reads_ok_and_err_packets() {
        let address = serve(vec![vec![0, 3, 0, 2, 0, 0, 0]]);
        let mut connection = Connection::connect(address, Duration::from_secs(2)).unwrap();
        assert_eq!(connection.query("DELETE").unwrap().affected, 3);

        let mut err = vec![0xff, 0x28, 0x04];
        err.extend_from_slice(b"#42000no such index");
        let address = serve(vec![err]);
        let mut connection = Connection::connect(address, Duration::from_secs(2)).unwrap();
        let message = connection.query("SELECT 1").unwrap_err().to_string();
        assert_eq!(message, "server error 1064: no such index");
    }

    #[test]
    fn quotes_strings() {
        assert_eq!(quote("it's a \\ test\n"), "'it\\'s a \\\\ test\\n'");
    }

    #[test]
    fn reads_long_lengths() {
        let mut reader = Reader::new(&[0xfc, 0x10, 0x01, 0xfb]);
        assert_eq!(reader.length().unwrap(), Some(0x110));
        assert_eq!(reader.length().unwrap(), None);
        assert!(reader.length().is_err());
    }
}
