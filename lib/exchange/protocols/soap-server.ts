// The SOAP endpoint for legacy department systems (R-4.3 "Web Service"): the same signed submission as the REST
// push API (./submission.ts), as one document/literal operation SubmitFile. Served by the `soap` package on its own
// small Node HTTP server rather than inside Next (whose route handlers have no Node request/response for `soap` to
// attach to): the worker or a script starts it with startSoapServer({ port }); the WSDL is at <url>?wsdl.
import { createServer, type Server } from 'node:http';
import { listen } from 'soap';
import { acceptSubmission } from './submission';

export const SOAP_PATH = '/exchange/soap';

const NS = 'urn:xinyong-wuzhi:exchange:1';

export const EXCHANGE_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="ExchangeService" targetNamespace="${NS}" xmlns:tns="${NS}"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
  xmlns="http://schemas.xmlsoap.org/wsdl/">
  <types>
    <xsd:schema targetNamespace="${NS}" elementFormDefault="qualified">
      <xsd:element name="SubmitFileRequest">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="apiKey" type="xsd:string"/>
          <xsd:element name="envelope" type="xsd:string"/>
          <xsd:element name="signature" type="xsd:string" minOccurs="0"/>
          <xsd:element name="content" type="xsd:base64Binary"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="SubmitFileResponse">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="status" type="xsd:int"/>
          <xsd:element name="outcome" type="xsd:string"/>
          <xsd:element name="batchNumber" type="xsd:string" minOccurs="0"/>
          <xsd:element name="reason" type="xsd:string" minOccurs="0"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="SubmitFileInput"><part name="parameters" element="tns:SubmitFileRequest"/></message>
  <message name="SubmitFileOutput"><part name="parameters" element="tns:SubmitFileResponse"/></message>
  <portType name="ExchangePortType">
    <operation name="SubmitFile"><input message="tns:SubmitFileInput"/><output message="tns:SubmitFileOutput"/></operation>
  </portType>
  <binding name="ExchangeBinding" type="tns:ExchangePortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="SubmitFile">
      <soap:operation soapAction="${NS}#SubmitFile"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="ExchangeService">
    <port name="ExchangePort" binding="tns:ExchangeBinding"><soap:address location="http://localhost${SOAP_PATH}"/></port>
  </service>
</definitions>`;

interface SubmitFileArgs {
  apiKey?: string;
  /** The envelope as JSON text (legacy systems build strings more easily than nested XML). */
  envelope?: string;
  signature?: string;
  content?: string;
}

const parseJson = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export async function submitFileOperation(args: SubmitFileArgs, taskQueue?: string) {
  const result = await acceptSubmission(
    {
      apiKey: args.apiKey ?? '',
      envelope: parseJson(args.envelope),
      signature: parseJson(args.signature),
      content: Buffer.from(args.content ?? '', 'base64'),
    },
    'SOAP',
    { taskQueue },
  );
  if (!result.ok) return { status: result.status, outcome: 'REFUSED', reason: result.reason };
  const r = result.result;
  return {
    status: result.status,
    outcome: r.outcome,
    batchNumber: r.outcome === 'REFUSED' ? undefined : (r.batchNumber ?? undefined),
    reason: r.outcome === 'DUPLICATE' ? r.reason : undefined,
  };
}

/** Starts the SOAP endpoint; resolves with the server and its URL once it listens. */
export async function startSoapServer(opts: { port: number; host?: string; taskQueue?: string }) {
  const server: Server = createServer((req, res) => {
    // `soap` answers its own path; anything else is not ours.
    if (!req.url?.startsWith(SOAP_PATH)) {
      res.writeHead(404).end();
    }
  });
  listen(server, {
    path: SOAP_PATH,
    xml: EXCHANGE_WSDL,
    services: {
      ExchangeService: {
        ExchangePort: { SubmitFile: (args: SubmitFileArgs) => submitFileOperation(args, opts.taskQueue) },
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://${opts.host ?? '127.0.0.1'}:${port}${SOAP_PATH}` };
}
