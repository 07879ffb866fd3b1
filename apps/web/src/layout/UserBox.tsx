import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ROLE_LABEL } from '../format';

/** Who is signed in, and 退出. */
export function UserBox() {
  const { actor, logout } = useAuth();
  const navigate = useNavigate();
  if (!actor) return null;
  return (
    <Space className="user-box" size={8}>
      <UserOutlined aria-hidden />
      <Typography.Text className="user-name" ellipsis style={{ maxWidth: 260 }}>
        {actor.displayName}
      </Typography.Text>
      <Tag>{ROLE_LABEL[actor.role]}</Tag>
      <Button
        size="small"
        icon={<LogoutOutlined />}
        onClick={() => {
          logout();
          navigate('/login');
        }}
      >
        退出
      </Button>
    </Space>
  );
}
